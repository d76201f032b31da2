import { z } from 'zod';
import { diagnosticCodes } from '../codes.js';
import type { ArticleReadability } from './manifest.js';

export const manifestVersion = 3;

const index = z.number().int().nonnegative();
const hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256');
const codes = Object.keys(diagnosticCodes) as [keyof typeof diagnosticCodes, ...(keyof typeof diagnosticCodes)[]];

const diagnosticSchema = z.looseObject({
  code: z.enum(codes),
  severity: z.enum(['error', 'warning', 'note']),
  message: z.string(),
  file: z.string(),
  ofOutput: z.literal(true).optional(),
});

const entrySchema = z.object({
  article: z.string(),
  clinic: z.string(),
  template: z.string(),
  inputs: z.string().regex(/^(\d+(-\d+)?(,\d+(-\d+)?)*)?$/, 'must be indexes such as "0-16,25"'),
  inputHash: hex,
  sha256: hex,
  pages: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  diagnostics: z.array(index).optional(),
  lang: z.string().optional(),
  translations: z.array(z.union([z.string(), z.tuple([z.string(), z.string(), z.string()])])).optional(),
  failed: z.literal(true).optional(),
});

const readabilitySchema = z.object({
  file: z.string(),
  lang: z.string(),
  grade: z.number().nullable(),
  formula: z
    .enum([
      'flesch-kincaid',
      'fernandez-huerta',
      'kandel-moles',
      'amstad',
      'gulpease',
      'flesch-douma',
      'flesch-martins',
    ])
    .nullable(),
  fleschKincaidGrade: z.number().nullable(),
  smogGrade: z.number().nullable(),
  fernandezHuerta: z.number().nullable(),
  ease: z.number().nullable().optional(),
  words: z.number(),
  sentences: z.number(),
  wordsPerSentence: z.number(),
}) satisfies z.ZodType<ArticleReadability>;

/** What a version 3 manifest.json must be, checked before anything in it is used. */
export const fileSchema = z.object({
  manifestVersion: z.literal(manifestVersion),
  tool: z.string(),
  plan: z
    .object({
      id: hex,
      shard: z.string().regex(/^[1-9]\d*\/[1-9]\d*$/, 'must be I/N'),
      outputs: z.number().int().nonnegative(),
    })
    .nullable(),
  inputs: z.array(z.tuple([z.string(), z.string()])),
  diagnostics: z.array(diagnosticSchema),
  outputs: z.record(z.string(), entrySchema),
  readability: z.record(z.string(), readabilitySchema),
});
