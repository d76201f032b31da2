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

/** The articles and clinics in their folders, sorted by id so every run sees them in the same order. */
export function findProjectFiles(folders: { readonly articles: string; readonly clinics: string }): ProjectFiles {
  return {
    articles: listFiles(folders.articles, ['.md']),
    clinics: listFiles(folders.clinics, ['.yaml', '.yml']),
  };
}

/** The default folders of a project. */
export function defaultFolders(root: string): { articles: string; clinics: string } {
  return { articles: join(root, 'content', 'articles'), clinics: join(root, 'content', 'clinics') };
}

function listFiles(dir: string, extensions: string[]): ProjectFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => extensions.includes(extname(name)) && !name.startsWith('.'))
    .sort()
    .map((name) => ({ id: basename(name, extname(name)), file: join(dir, name) }));
}
