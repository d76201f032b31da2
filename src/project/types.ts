import type { Diagnostic } from '../errors.js';
import type { ProjectConfig } from './config-schema.js';
import type { ProjectFile } from './files.js';

export interface ProjectOptions {
  /** The project folder; it must exist and hold articles and clinics. */
  readonly root: string;
  /** A config file to use instead of <root>/handout.config.yaml (or .yml); it must be inside the project. */
  readonly config?: string | undefined;
  /** Output folder instead of the config's `out` (may be outside the project). */
  readonly out?: string | undefined;
}

/** Which planned handouts a command works on: these article ids, clinic ids and template (all when empty or unset). */
export interface SelectionOptions {
  readonly articles?: readonly string[] | undefined;
  readonly clinics?: readonly string[] | undefined;
  /** Build only this template, instead of the config's rules. */
  readonly template?: string | null | undefined;
}

/** A project as the CLI, `handout check`, watch mode and the library all see it. */
export interface Project {
  readonly root: string;
  readonly configFile: string | null;
  readonly configText: string;
  /** The config; the defaults when there is no file or it has errors (those are in `problems`). */
  readonly config: ProjectConfig;
  /** Problems of the config (a build stops on them; `handout check` lists them and goes on with the defaults). */
  readonly problems: readonly Diagnostic[];
  /** Article and clinic files left out, each an error of its own (a build goes on with the others). */
  readonly refused: readonly Diagnostic[];
  readonly outDir: string;
  readonly folders: { readonly articles: string; readonly clinics: string };
  readonly articles: readonly ProjectFile[];
  readonly clinics: readonly ProjectFile[];
}
