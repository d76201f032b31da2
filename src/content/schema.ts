import { z } from 'zod';

/** A real calendar day: 2026-13-45 or 2026-02-30 are refused here, not later by the date printer. */
const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(
    z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date written as YYYY-MM-DD')
      .refine(isCalendarDay, 'is not a day of the calendar (check the month and the day)'),
  );

function isCalendarDay(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

/** A language tag the date printer and the PDF both accept (Intl refuses some tags a simple pattern lets through). */
export const languageTag = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as "en" or "es-MX"')
  .refine(isKnownLocaleForm, 'is not a valid BCP 47 language tag (e.g. "en", "es-MX", "zh-Hant-TW")');

/** Tags already asked about: building a date formatter costs more than laying out a line (every spec asks). */
const knownLocaleForms = new Map<string, boolean>();

export function isKnownLocaleForm(tag: string): boolean {
  let known = knownLocaleForms.get(tag);
  if (known === undefined) {
    known = localeFormWorks(tag);
    if (knownLocaleForms.size < 1000) knownLocaleForms.set(tag, known);
  }
  return known;
}

function localeFormWorks(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1 && new Intl.DateTimeFormat(tag).format(0).length > 0;
  } catch {
    return false;
  }
}

/** Front matter of an article. Unknown keys are errors so that typos are caught. */
export const frontMatterSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty'),
    subtitle: z.string().optional(),
    summary: z.string().optional(),
    lang: languageTag
      .optional()
      .describe('Language of the article (BCP 47); default: from the file name (knee-pain.es.md), else en'),
    dir: z
      .enum(['ltr', 'rtl'])
      .optional()
      .describe('Writing direction (rtl mirrors the page); default: from lang (ar, fa, ur, he, yi… are rtl)'),
    translationOf: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be an article id such as "knee-pain"')
      .optional()
      .describe('Id of the article this one translates (default: knee-pain for knee-pain.es.md)'),
    reviewed: isoDate.optional(),
  })
  .strict();

export type FrontMatter = z.infer<typeof frontMatterSchema>;
