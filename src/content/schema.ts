import { z } from 'zod';

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
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as "en" or "es-MX"')
      .default('en'),
    reviewed: isoDate.optional(),
  })
  .strict();

export type FrontMatter = z.infer<typeof frontMatterSchema>;
