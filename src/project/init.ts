import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { HandoutError } from '../errors.js';
import { realOrSelf } from '../shared/confined-read.js';
import { packageRoot } from '../shared/package-root.js';
import { makeFolders, writeFailureReason } from '../shared/write-failure.js';

/** The scaffold's files are stored without leading dots (npm leaves out a package's .gitignore); named here. */
const renamed: Record<string, string> = { gitignore: '.gitignore', github: '.github' };

export interface InitReport {
  /** The files written, relative to the project folder. */
  readonly created: readonly string[];
  /** Files that were there and had lines added (a repository's own .gitignore), relative to the project folder. */
  readonly updated: readonly string[];
}

/** Files a repository usually has already: the scaffold's lines are added to them, never replacing them. */
const merged = new Set(['.gitignore']);

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
  // Anything at a file's place counts, a dangling link included: nothing is written through it.
  const toMerge = files.filter((file) => merged.has(relative(dir, target(file))) && isPlainFile(target(file)));
  const existing = files
    .filter((file) => !toMerge.includes(file))
    .map(target)
    .filter((path) => isThere(path));
  if (existing.length > 0) {
    throw new HandoutError({
      code: 'init-exists',
      message: `${dir} already has ${existing.map((path) => relative(dir, path)).join(', ')}; nothing was written`,
      file: existing[0] as string,
      hint: 'Run "handout init" in an empty folder, or give it a new one: handout init my-handouts.',
    });
  }
  const linked = files.map(target).find((path) => leadsElsewhere(dirname(path), dir));
  if (linked) {
    throw new HandoutError({
      code: 'init-unwritable',
      message: `${relative(dir, dirname(linked))} leads through a link to a folder outside ${dir}; nothing was written`,
      file: dirname(linked),
      hint: 'A project keeps its files inside its folder (the tool reads nothing outside it): make it a real folder.',
    });
  }
  const updated: string[] = [];
  for (const file of files) {
    try {
      makeFolders(dirname(target(file)));
      const text = readFileSync(join(scaffold, file), 'utf8');
      if (!toMerge.includes(file)) writeFileSync(target(file), text, { flag: 'wx' });
      else if (appendMissingLines(target(file), text)) updated.push(relative(dir, target(file)));
    } catch (cause) {
      throw new HandoutError({
        code: 'init-unwritable',
        message: `cannot write ${target(file)}: ${writeFailureReason(cause)}`,
        file: dir,
        hint: 'Give handout init a folder you can write to, such as a new folder in your home directory.',
        cause,
      });
    }
  }
  return {
    created: files.filter((file) => !toMerge.includes(file)).map((file) => relative(dir, target(file))),
    updated,
  };
}

/** Add the lines of `text` the file lacks, after its own; false when it had them all. */
function appendMissingLines(path: string, text: string): boolean {
  const current = readFileSync(path, 'utf8');
  const has = new Set(current.split(/\r?\n/).map((line) => line.trim()));
  const missing = text.split('\n').filter((line) => line.trim() !== '' && !has.has(line.trim()));
  if (missing.length === 0) return false;
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  writeFileSync(path, `${current}${separator}${missing.join('\n')}\n`);
  return true;
}

/** A regular file, not reached through a link: only such a file is added to. */
function isPlainFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

function isThere(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Does the nearest existing folder on the way to `folder` resolve outside the project folder? */
function leadsElsewhere(folder: string, dir: string): boolean {
  let existing = folder;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const inside = relative(realOrSelf(dir), realOrSelf(existing));
  return relative(dir, existing).startsWith('..') ? false : inside.startsWith('..') || isAbsolute(inside);
}
