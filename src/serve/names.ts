import { parse } from 'yaml';
import { frontMatterText } from '../content/header.js';
import type { PlannedOutput } from '../project/plan.js';
import { limits } from '../shared/limits.js';
import { readTextFile } from '../shared/text-file.js';

/** What people call the articles and clinics: titles and names by file, the id where a file says none. */
export interface Names {
  readonly titles: ReadonlyMap<string, string>;
  readonly clinics: ReadonlyMap<string, string>;
}

/**
 * Each planned article's title and clinic's name, read from their files alone (front matter, clinic YAML), so
 * the gallery can name every handout before anything is built. A file that cannot be read keeps its id:
 * the build reports what is wrong with it.
 */
export function readNames(root: string, planned: readonly PlannedOutput[]): Names {
  const titles = new Map<string, string>();
  const clinics = new Map<string, string>();
  for (const { article, clinic } of planned) {
    if (!titles.has(article.file))
      titles.set(article.file, textOr(yamlData(() => frontMatterText(article.file, root)).title, article.id));
    if (!clinics.has(clinic.file))
      clinics.set(clinic.file, textOr(yamlData(() => clinicText(clinic.file, root)).name, clinic.id));
  }
  return { titles, clinics };
}

const clinicText = (file: string, root: string) =>
  readTextFile(file, { roots: [root], what: 'clinic file', maxBytes: limits.yamlBytes });

/** The YAML a file gives, as an object; {} when it cannot be read or is not a mapping. */
function yamlData(read: () => string | undefined): Record<string, unknown> {
  try {
    // Quietly: a list as a key is reported, at its line, when the clinic is read.
    const data: unknown = parse(read() ?? '', { logLevel: 'error' });
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function textOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}
