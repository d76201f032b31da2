import { z } from 'zod';
import { type DiagnosticCode, diagnosticCodes } from '../codes.js';
import { labelOverridesSchema } from '../shared/labels.js';
import { length } from '../shared/length.js';
import { limits } from '../shared/limits.js';
import { closest } from '../shared/suggest.js';

// Any name a file may have ("_draft", "__proto__" too), but no path and nothing a terminal would act on.
const id = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/, 'must be an id such as "harbor-wellness"');
const outputPattern = z
  .string()
  .regex(/^[^/\\].*\.pdf$/, 'must be a relative path ending in .pdf, e.g. "{clinic}/{article}.pdf"')
  .refine((p) => !p.split(/[\\/]/).includes('..'), 'must stay inside the output folder');

const codeNames = Object.keys(diagnosticCodes) as [DiagnosticCode, ...DiagnosticCode[]];
const diagnosticCode = z.enum(codeNames, {
  error: (issue) => {
    const given = String(issue.input);
    const meant = closest(given, codeNames);
    return `is "${given}", not a diagnostic code${meant ? `; did you mean "${meant}"?` : ' (the README lists them)'}`;
  },
});

/** Which warnings and notes not to report (errors always are); the same at every level. */
const diagnosticSettings = z
  .object({
    ignore: z
      .array(diagnosticCode)
      .describe('Codes whose warnings and notes are not reported (errors always are), e.g. [panel-half-empty]'),
  })
  .strict()
  .describe('Silence warnings and notes by code')
  // Written once in the JSON Schema and referred to from the project, clinic and article levels.
  .meta({ id: 'diagnosticSettings' });

const buildRule = z
  .object({
    template: z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'must be a template name such as "handout"'),
    clinics: z.array(id).optional().describe('Only these clinics (default: all)'),
    articles: z.array(id).optional().describe('Only these articles (default: all)'),
    output: outputPattern.optional().describe('Output path pattern for this rule'),
  })
  .strict();

/** handout.config.yaml: which templates to build for which clinics and articles, and how to name the files. */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    out: z.string().optional().describe('Output folder, relative to the project (default: out)'),
    content: z
      .object({
        articles: z
          .string()
          .optional()
          .describe('Folder of the articles, relative to the project (default: content/articles)'),
        clinics: z
          .string()
          .optional()
          .describe('Folder of the clinic files, relative to the project (default: content/clinics)'),
      })
      .strict()
      .optional()
      .describe('Where the articles and clinic files are'),
    output: outputPattern
      .optional()
      .describe(
        'Output path pattern: {clinic}, {article}, {template}. Default "{clinic}/{article}.pdf" for the handout template, "{clinic}/{article}-{template}.pdf" for others',
      ),
    builds: z
      .array(buildRule)
      .min(1)
      .optional()
      .describe('What to build; default: every clinic × every article with "handout"'),
    clinics: z
      .record(
        id,
        z
          .object({
            page: z.enum(['Letter', 'A4']).optional().describe("Page size for this clinic's handouts"),
            articles: z.array(id).optional().describe('This clinic gets only these articles'),
            diagnostics: diagnosticSettings.optional().describe("Silence codes for this clinic's outputs and file"),
          })
          .strict(),
      )
      .optional(),
    articles: z
      .record(
        id,
        z
          .object({
            clinics: z.array(id).optional().describe('This article goes only to these clinics'),
            diagnostics: diagnosticSettings.optional().describe("Silence codes for this article's outputs and file"),
          })
          .strict(),
      )
      .optional(),
    pdfa: z.boolean().optional().describe('Write PDF/A-2a (archival) files; same as --pdfa'),
    print: z
      .object({
        bleed: z
          .string()
          .regex(/^\d+(\.\d+)?\s*(pt|in|mm|cm)?$/, 'must be a length such as "0.125in" or "3mm"')
          .refine((bleed) => length(bleed) <= limits.bleedPoints, 'is at most 0.5in (12.7mm)')
          .optional()
          .describe('Bleed beyond the trim, e.g. 0.125in; same as --bleed'),
        marks: z.boolean().optional().describe('Crop marks outside the trim; same as --marks'),
        cmyk: z.boolean().optional().describe('CMYK colors and black text in K only; same as --cmyk'),
      })
      .strict()
      .optional(),
    readability: z
      .object({
        maxGrade: z.number().min(1).max(18).default(8).describe('Highest reading grade allowed (AMA: 6, NIH: 8)'),
      })
      .strict()
      .optional()
      .describe('The readability gate of handout check'),
    diagnostics: diagnosticSettings
      .optional()
      .describe('Silence codes in the whole project (clinics.<id> and articles.<id> take their own list)'),
    labels: labelOverridesSchema
      .optional()
      .describe("The project's wording of the templates' fixed words, by language (a clinic file can override it)"),
  })
  .strict();

export type ProjectConfig = z.infer<typeof configSchema>;
