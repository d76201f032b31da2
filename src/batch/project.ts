import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

export interface ProjectFile {
  readonly id: string;
  readonly file: string;
}

export interface ProjectFiles {
  readonly articles: readonly ProjectFile[];
  readonly clinics: readonly ProjectFile[];
}

/** The articles and clinics of a project, sorted by id so every run sees them in the same order. */
export function findProjectFiles(root: string): ProjectFiles {
  return {
    articles: listFiles(join(root, 'content', 'articles'), ['.md']),
    clinics: listFiles(join(root, 'content', 'clinics'), ['.yaml', '.yml']),
  };
}

function listFiles(dir: string, extensions: string[]): ProjectFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => extensions.includes(extname(name)) && !name.startsWith('.'))
    .sort()
    .map((name) => ({ id: basename(name, extname(name)), file: join(dir, name) }));
}
