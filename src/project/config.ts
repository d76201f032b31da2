import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { limits } from '../shared/limits.js';
import { readTextFile } from '../shared/text-file.js';
import { parseYamlData } from '../shared/yaml-data.js';
import { configSchema, type ProjectConfig } from './config-schema.js';

/** The names a project's config file may have, in the order they are looked for. */
export const configFileNames = ['handout.config.yaml', 'handout.config.yml'] as const;
export const configFileName = configFileNames[0];

export interface LoadedConfig {
  readonly file: string | null;
  /** The file's text, as read. */
  readonly text: string;
  readonly config: ProjectConfig;
}

/**
 * The project's config: the file given (`--config`), else handout.config.yaml or .yml at the root (a broken
 * link to one is an error); without one, the defaults hold.
 */
export function loadConfig(root: string, given?: string): LoadedConfig {
  const file = given ?? findConfigFile(root);
  if (!file) return { file: null, text: '', config: {} };
  const text = readTextFile(file, { roots: [root], what: 'config file', maxBytes: limits.yamlBytes });
  return { file, text, config: parseYamlData({ file, text, firstLine: 1 }, configSchema, 'config') };
}

function findConfigFile(root: string): string | null {
  for (const name of configFileNames) {
    const file = join(root, name);
    if (lstatSync(file, { throwIfNoEntry: false })) return file;
  }
  return null;
}
