import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { type Diagnostic, HandoutError, problemsOf } from '../errors.js';
import { isWithin, realOrSelf } from '../shared/confined-read.js';
import { configFileName, type LoadedConfig, loadConfig } from './config.js';
import { defaultFolders, findProjectFiles, type ProjectFile } from './files.js';
import type { Project, ProjectOptions } from './types.js';

export type { ProjectConfig } from './config-schema.js';
export type { ProjectFile, ProjectFiles } from './files.js';
export type { PlanFilters, PlannedOutput } from './plan.js';
export type { Project, ProjectOptions } from './types.js';

/**
 * The one project model: the config (found or given), the folders of articles and clinics and what is in
 * them, the output folder. A folder that is not a project is an error that says which folder was used and
 * what was expected, so a wrong working directory never passes as "nothing to build".
 */
export function loadProject(options: ProjectOptions): Project {
  const root = resolve(options.root);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new HandoutError({
      code: 'not-a-project',
      message: `the project folder ${root} does not exist`,
      file: root,
      hint: 'Give an existing folder with --root, or run the command inside the project.',
    });
  }
  const problems: Diagnostic[] = [];
  let loaded: LoadedConfig = { file: null, text: '', config: {} };
  const given = options.config === undefined ? undefined : resolve(root, options.config);
  if (given !== undefined && !existsSync(given)) {
    throw new HandoutError({
      code: 'config-missing',
      message: `the config file ${given} does not exist`,
      file: given,
      hint: `Check the path given with --config (relative to the current folder), or leave it out to use ${configFileName}.`,
    });
  }
  try {
    loaded = loadConfig(root, given);
  } catch (error) {
    problems.push(...problemsOf(error, given ?? join(root, configFileName)));
  }
  const folders = foldersOf(root, loaded, problems);
  const found = findProjectFiles(folders);
  if (found.articles.length === 0 || found.clinics.length === 0) throw notAProject(root, folders, found, loaded.file);
  // An id is printed, used in paths and as a manifest key: a control or bidi-override character in it is refused.
  const refused = [...found.articles, ...found.clinics].filter((f) => unsafeId.test(f.id));
  const files = {
    articles: found.articles.filter((f) => !refused.includes(f)),
    clinics: found.clinics.filter((f) => !refused.includes(f)),
  };
  const outDir = options.out === undefined ? resolve(root, loaded.config.out ?? 'out') : resolve(options.out);
  // The config may only write inside the project; a folder elsewhere must be given on the command line.
  if (options.out === undefined && !isWithin(realOfNearest(outDir), [root])) {
    problems.push({
      code: 'out-outside',
      severity: 'error',
      message: `the output folder ${loaded.config.out} is outside the project`,
      file: loaded.file ?? join(root, configFileName),
      line: lineOfKey(loaded.text, 'out'),
      hint: 'Keep "out" inside the project, or give a folder elsewhere on the command line with --out.',
    });
  }
  return {
    root,
    configFile: loaded.file,
    configText: loaded.text,
    config: problems.length > 0 ? {} : loaded.config,
    problems,
    refused: refused.map(unsafeIdProblem),
    outDir,
    folders,
    articles: files.articles,
    clinics: files.clinics,
  };
}

/** The folders articles and clinics are in: the config's `content`, else content/articles and content/clinics. */
function foldersOf(root: string, loaded: LoadedConfig, problems: Diagnostic[]): Project['folders'] {
  const folders = defaultFolders(root);
  const given = loaded.config.content ?? {};
  for (const kind of ['articles', 'clinics'] as const) {
    const path = given[kind];
    if (path === undefined) continue;
    const full = resolve(root, path);
    if (isWithin(realOfNearest(full), [root])) folders[kind] = full;
    else
      problems.push({
        code: 'path-outside',
        severity: 'error',
        message: `the ${kind} folder ${path} is outside the project`,
        file: loaded.file ?? join(root, configFileName),
        line: lineOfKey(loaded.text, 'content'),
        hint: 'Keep the content inside the project folder.',
      });
  }
  return folders;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const unsafeId = /[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function unsafeIdProblem(file: ProjectFile): Diagnostic {
  return {
    code: 'file-name',
    severity: 'error',
    message: `the file name ${JSON.stringify(file.id)} holds a control or text-direction character; the file is left out`,
    file: dirname(file.file),
    hint: 'Rename the file with letters, digits and hyphens, e.g. knee-pain.md: its name is the id used in paths and messages.',
  };
}

function notAProject(
  root: string,
  folders: Project['folders'],
  files: ReturnType<typeof findProjectFiles>,
  configFile: string | null,
): HandoutError {
  const missing = files.articles.length === 0 ? 'articles' : 'clinics';
  const folder = folders[missing];
  const what = missing === 'articles' ? 'article (*.md)' : 'clinic file (*.yaml)';
  const above = projectAbove(root);
  const shown = (path: string) => relative(root, path) || '.';
  return new HandoutError({
    code: 'not-a-project',
    message: `${root} is not a Handout Press project: ${existsSync(folder) ? `${shown(folder)} has no ${what}` : `there is no ${shown(folder)} folder`}`,
    file: configFile ?? root,
    hint: [
      `A project has articles in ${shown(folders.articles)}/ and clinics in ${shown(folders.clinics)}/${configFile ? ' (as its config says)' : ''}.`,
      above ? `The folder ${above} above looks like one: run there, or pass --root ${above}.` : null,
      'To start a new project here, run "handout init".',
    ]
      .filter(Boolean)
      .join(' '),
  });
}

/** The nearest folder above that has a config file or content/articles: where the user probably meant to be. */
function projectAbove(root: string): string | null {
  for (let dir = dirname(root); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, configFileName)) || existsSync(join(dir, 'content', 'articles'))) return dir;
  }
  return null;
}

/** The real path of a folder that may not exist yet: its nearest existing ancestor, resolved, plus the rest. */
export function realOfNearest(path: string): string {
  const parent = dirname(path);
  if (existsSync(path) || parent === path) return realOrSelf(path);
  return join(realOfNearest(parent), basename(path));
}

export function lineOfKey(text: string, key: string): number | undefined {
  const index = text.split('\n').findIndex((line) => line.startsWith(`${key}:`));
  return index < 0 ? undefined : index + 1;
}
