import { lstatSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { HandoutError } from '../errors.js';
import { hashConfined, sha256 } from './confined-read.js';
import { limits } from './limits.js';
import { packageRoot } from './package-root.js';
import type { ReadRecorder } from './read-recorder.js';

/**
 * Everything one output was built from, as it was when it was read: input name → state. A name is a path
 * relative to the project, or `handout-press:PATH` inside the tool's own package (built-in templates and
 * fonts); `DIR/*.hbs` names a folder's list of partials. A state is the file's sha256, `absent` for a path
 * looked for and not found, or `names:SHA` for a listing.
 */
export type InputStates = Readonly<Record<string, string>>;

const absent = 'absent';
const builtIn = 'handout-press:';

/** Records what a stage reads, by absolute path; `states(root)` gives them by name. */
export class InputRecord implements ReadRecorder {
  private readonly entries = new Map<string, string>();

  file(path: string, digest: string): void {
    this.entries.set(path, digest);
  }

  absent(path: string): void {
    if (!this.entries.has(path)) this.entries.set(path, absent);
  }

  listing(dir: string, ending: string, names: readonly string[]): void {
    this.entries.set(join(dir, `*${ending}`), listingState(names));
  }

  /** Add states already taken by name (the config, article and clinic read in the main thread). */
  merge(states: InputStates, root: string): void {
    for (const [name, state] of Object.entries(states)) this.entries.set(pathOfInput(name, root), state);
  }

  states(root: string): InputStates {
    return Object.fromEntries(
      [...this.entries]
        .map(([path, state]) => [inputName(path, root), state] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  }
}

/** The hash that stands for an output: its inputs' states and the settings that are not files. */
export function inputsHash(states: InputStates, settings: Readonly<Record<string, unknown>>): string {
  return sha256(JSON.stringify([settings, Object.entries(states)]));
}

/** How an input is now, by the rule its recorded state was taken with; any failure to read is a state too. */
export function currentState(name: string, recorded: string, root: string): string {
  const path = pathOfInput(name, root);
  const base = name.startsWith(builtIn) ? packageRoot : root;
  if (recorded === absent) return lstatSync(path, { throwIfNoEntry: false }) ? 'present' : absent;
  if (recorded.startsWith('names:')) {
    const ending = path.slice(path.lastIndexOf('*') + 1);
    try {
      return listingState(
        readdirSync(path.slice(0, path.lastIndexOf(sep)))
          .filter((n) => n.endsWith(ending))
          .sort(),
      );
    } catch {
      return 'unlisted';
    }
  }
  try {
    return hashConfined(path, { roots: [base], what: 'input', maxBytes: limits.binaryBytes });
  } catch (error) {
    if (error instanceof HandoutError) return `unusable ${error.code}`;
    throw error;
  }
}

function listingState(names: readonly string[]): string {
  return `names:${sha256(names.join('\n'))}`;
}

/** A path's name in the manifest: relative to the project, or to the package for the tool's own files. */
export function inputName(path: string, root: string): string {
  const inProject = relative(root, path);
  if (!inProject.startsWith('..') && !isAbsolute(inProject)) return portable(inProject);
  const inPackage = relative(packageRoot, path);
  if (!inPackage.startsWith('..') && !isAbsolute(inPackage)) return `${builtIn}${portable(inPackage)}`;
  return portable(inProject);
}

function pathOfInput(name: string, root: string): string {
  return name.startsWith(builtIn) ? join(packageRoot, name.slice(builtIn.length)) : join(root, name);
}

function portable(path: string): string {
  return path.split(sep).join('/');
}

/** Current states of inputs, each looked at once per build however many outputs name it. */
export class InputChecker {
  private readonly known = new Map<string, string>();

  constructor(private readonly root: string) {}

  /** The states now of the inputs a record names. */
  states(recorded: InputStates): InputStates {
    const now: Record<string, string> = {};
    for (const [name, state] of Object.entries(recorded)) {
      const key = `${state === absent ? absent : state.startsWith('names:') ? 'names' : 'file'}\0${name}`;
      let current = this.known.get(key);
      if (current === undefined) {
        current = currentState(name, state, this.root);
        this.known.set(key, current);
      }
      now[name] = current;
    }
    return now;
  }
}
