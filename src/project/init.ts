import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { HandoutError } from '../errors.js';
import { packageRoot } from '../shared/package-root.js';

/** The scaffold's files are stored without leading dots (npm leaves out a package's .gitignore); named here. */
const renamed: Record<string, string> = { gitignore: '.gitignore', github: '.github' };

export interface InitReport {
  /** The files written, relative to the project folder. */
  readonly created: readonly string[];
}

/**
 * Start a project in `dir`: a config with comments, a sample clinic with a logo, a sample article, a
 * .gitignore and a CI workflow; it builds and checks green at once. A file that is already there is never
 * overwritten: then nothing at all is written.
 */
export function initProject(dir: string): InitReport {
  const scaffold = join(packageRoot, 'scaffold');
  const files = readdirSync(scaffold, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(scaffold, join(entry.parentPath, entry.name)))
    .sort();
  const target = (file: string) => join(dir, ...file.split(sep).map((part) => renamed[part] ?? part));
  const existing = files.map(target).filter((path) => existsSync(path));
  if (existing.length > 0) {
    throw new HandoutError({
      code: 'init-exists',
      message: `${dir} already has ${existing.map((path) => relative(dir, path)).join(', ')}; nothing was written`,
      file: existing[0] as string,
      hint: 'Run "handout init" in an empty folder, or give it a new one: handout init my-handouts.',
    });
  }
  for (const file of files) {
    try {
      makeFolders(dirname(target(file)));
      writeFileSync(target(file), readFileSync(join(scaffold, file)), { flag: 'wx' });
    } catch (cause) {
      throw new HandoutError({
        code: 'init-unwritable',
        message: `cannot write ${target(file)}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`,
        file: dir,
        hint: 'Give handout init a folder you can write to, such as a new folder in your home directory.',
        cause,
      });
    }
  }
  return { created: files.map((file) => relative(dir, target(file))) };
}

/** Each missing folder made one at a time: Node's recursive mkdir loops forever where a parent cannot hold folders (/proc). */
function makeFolders(folder: string): void {
  if (existsSync(folder)) return;
  const parent = dirname(folder);
  if (parent !== folder) makeFolders(parent);
  mkdirSync(folder);
}
