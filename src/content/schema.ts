import { z } from 'zod';
import { languageTagPattern } from './translation.js';

const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written as YYYY-MM-DD'));

/** Front matter of an article. Unknown keys are errors so that typos are caught. */
export const frontMatterSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty'),
    subtitle: z.string().optional(),
    summary: z.string().optional(),
    lang: z
      .string()
      .regex(languageTagPattern, 'must be a BCP 47 language tag such as "en" or "es-MX"')
      .optional()
      .describe('Language of the article (BCP 47); default: from the file name (knee-pain.es.md), else en'),
    translationOf: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be an article id such as "knee-pain"')
      .optional()
      .describe('Id of the article this one translates (default: knee-pain for knee-pain.es.md)'),
    reviewed: isoDate.optional(),
  })
  .strict();

export type FrontMatter = z.infer<typeof frontMatterSchema>;
