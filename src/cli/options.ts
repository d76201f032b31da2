import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { HandoutError } from '../errors.js';
import { length } from '../shared/length.js';
import { limits } from '../shared/limits.js';

/** The project a command works on; build, check, clean, watch and import take the same. */
export const projectOptions = {
  root: { type: 'string', default: '.', describe: 'Project folder (it must exist)' },
  config: {
    type: 'string',
    describe: 'Config file to use instead of handout.config.yaml or .yml (inside the project)',
  },
} as const;

/** Which handouts a command works on; build and check take the same. */
export const selectionOptions = {
  article: { type: 'string', array: true, default: [] as string[], describe: 'Only this article id (repeatable)' },
  clinic: { type: 'string', array: true, default: [] as string[], describe: 'Only this clinic id (repeatable)' },
  template: {
    type: 'string',
    coerce: templateValue,
    describe: 'Build this template for everything selected, instead of the config\'s rules (e.g. "handout")',
  },
} as const;

export const jsonOption = {
  json: { type: 'boolean', default: false, describe: 'Print one JSON object on stdout (see the README for its shape)' },
} as const;

/** How build and check report their diagnostics. */
export const reportOptions = {
  'max-warnings': {
    type: 'string',
    coerce: maxWarningsValue,
    describe: 'Fail (exit 1) when there are more than N warnings; -1: no limit (the default)',
  },
  verbose: {
    type: 'boolean',
    default: false,
    describe: 'Name every output a repeated diagnostic concerns (build: and print again what earlier builds said)',
  },
} as const;

/** `--max-warnings N` as ESLint takes it: a whole number, or -1 for no limit (undefined). */
export function maxWarningsValue(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const max = /^-?\d+$/.test(String(value)) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(max) || max < -1)
    throw new Error(`--max-warnings takes a whole number of warnings allowed, or -1 for no limit, not "${value}"`);
  return max === -1 ? undefined : max;
}

/** `--template NAME`: a template's folder name, never a path. */
export function templateValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(String(value)))
    throw new Error(
      `--template takes a template's name (letters, digits and hyphens, e.g. large-print), not "${value}"`,
    );
  return String(value);
}

/** `--jobs N`: a whole number of at least 1. */
export function jobsValue(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const jobs = /^\d+$/.test(String(value)) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(jobs) || jobs < 1)
    throw new Error(`--jobs takes a whole number of at least 1, not "${value}"`);
  return jobs;
}

/** `--shard I/N` with 1 ≤ I ≤ N. */
export function shardValue(value: unknown): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(String(value));
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || index < 1 || index > count)
    throw new Error(`--shard takes I/N with 1 ≤ I ≤ N, e.g. 2/4, not "${value}"`);
  return { index, count };
}

/**
 * A release version (`--version`, `--stamp`): tag-like, e.g. 2026.12 or v3.1.0. It names a folder and is printed
 * on paper, so path characters, spaces and control characters are refused.
 */
export function versionValue(flag: string) {
  return (value: unknown): string | undefined => {
    if (value === undefined) return undefined;
    const text = String(value);
    if (!/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/.test(text) || text.includes('..'))
      throw new Error(
        `${flag} takes a tag-like version such as 2026.12 or v3.1.0 (letters, digits, . _ + -; at most 64), not "${text}"`,
      );
    return text;
  };
}

/** `--bleed LENGTH`, in points. */
export function bleedValue(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  let points: number;
  try {
    points = length(String(value));
  } catch {
    throw new Error(`--bleed takes a length such as 0.125in or 3mm, not "${value}"`);
  }
  if (points > limits.bleedPoints)
    throw new Error(`--bleed is at most 0.5in (12.7mm); "${value}" would make a page the print shop cannot use`);
  return points;
}

/** A folder the command line names must be there: a wrong one is a usage error, before anything is written. */
export function requireFolder(path: string, what: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) return;
  throw new HandoutError({
    code: 'not-a-project',
    message: `${what} ${path} ${existsSync(path) ? 'is a file, not a folder' : 'does not exist'}`,
    file: path,
    hint: 'Check the path, or run the command inside the project.',
  });
}

/** `--dpi`: 9 to 600. */
export function dpiValue(value: unknown): number {
  const dpi = Number(value);
  if (!(dpi >= 9 && dpi <= 600)) throw new Error(`--dpi takes a number from 9 to 600, not "${value}"`);
  return dpi;
}

export type ProjectSelection = ReturnType<typeof projectSelection>;

/** The project and selection options as paths and ids, relative paths taken from the folder the command ran in. */
export function projectSelection(
  args: {
    readonly root: string;
    readonly config?: string | undefined;
    readonly out?: string | undefined;
    readonly article: readonly string[];
    readonly clinic: readonly string[];
    readonly template?: string | undefined;
  },
  cwd: string,
) {
  return {
    root: resolve(cwd, args.root),
    config: args.config === undefined ? undefined : resolve(cwd, args.config),
    out: args.out === undefined ? undefined : resolve(cwd, args.out),
    articles: [...args.article],
    clinics: [...args.clinic],
    template: args.template ?? null,
  };
}
