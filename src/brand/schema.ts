import { z } from 'zod';
import { languageTagPattern } from '../content/translation.js';
import { labelOverridesSchema } from '../shared/labels.js';
import { linkProblem } from '../shared/links.js';
import { qrProblem } from '../shared/qr.js';

const hexColor = z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be a hex color such as "#0F766E"');
const text = z.string().trim().min(1, 'must not be empty');
const cmyk = z.tuple(
  [z.number().min(0).max(100), z.number().min(0).max(100), z.number().min(0).max(100), z.number().min(0).max(100)],
  {
    message: 'must be four numbers from 0 to 100: [cyan, magenta, yellow, black]',
  },
);

/** A web (or mailto:, tel:) address a handout links to and puts in its QR code. */
function address(example: string) {
  return z.url({ message: `must be a full web address such as "${example}"` }).superRefine((value, context) => {
    const problem = linkProblem(value) ?? qrProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem.replace(/^link "[^"]*" /, '') });
  });
}

/** A brand font: one file (used for every style), or a file per style; paths are relative to the clinic file. */
const brandFont = z.union([
  text,
  z.object({ regular: text, bold: text.optional(), italic: text.optional(), boldItalic: text.optional() }).strict(),
]);

/** A clinic file. Unknown keys are errors so that typos are caught. */
export const clinicSchema = z
  .object({
    name: text,
    shortName: text.optional().describe('A shorter name for running heads, when the full name is long'),
    tagline: text.optional(),
    lang: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language such as "en" or "es"')
      .optional()
      .describe(
        "The language of the clinic's name, tagline and address (marked for screen readers when the article's differs). Default: the first of languages, else en",
      ),
    logo: text.optional(),
    page: z.enum(['Letter', 'A4']).default('Letter'),
    colors: z
      .object({
        primary: hexColor.default('#1F4E79'),
        accent: hexColor.default('#B45309'),
        primaryCmyk: cmyk.optional().describe('Exact CMYK (0–100) for print; otherwise converted from the hex color'),
        accentCmyk: cmyk.optional(),
      })
      .strict()
      .default({ primary: '#1F4E79', accent: '#B45309' }),
    contact: z
      .object({
        phone: text.optional(),
        email: text.optional(),
        website: address('https://example.org').optional(),
        booking: address('https://example.org/book').optional(),
        address: text.optional(),
      })
      .strict()
      .default({}),
    fonts: z
      .object({
        body: brandFont.optional().describe('The body text font: a file, or { regular, bold, italic, boldItalic }'),
        heading: brandFont.optional().describe('The font of titles and headings (default: the body font)'),
      })
      .strict()
      .optional()
      .describe("The clinic's own fonts, used by the built-in templates with their fallback fonts behind them"),
    labels: labelOverridesSchema
      .optional()
      .describe('This clinic\'s own wording, by language: e.g. { en: { book: "Scan to book online" } }'),
    languages: z
      .array(z.string().regex(languageTagPattern, 'must be a language such as "en" or "es-MX"'))
      .min(1, 'must list at least one language')
      .optional()
      .describe(
        'Languages this clinic serves: it gets only articles in these (es also takes es-MX). Default: every language',
      ),
  })
  .strict();

export type ClinicFile = z.infer<typeof clinicSchema>;
