import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadRecorder } from '../shared/confined-read.js';
import { limits } from '../shared/limits.js';
import { readTextFile } from '../shared/text-file.js';
import { parseYamlData } from '../shared/yaml-data.js';
import { configSchema, type ProjectConfig } from './config-schema.js';

export const configFileName = 'handout.config.yaml';

export interface LoadedConfig {
  readonly file: string | null;
  /** The file's text, part of every output's input hash. */
  readonly text: string;
  readonly config: ProjectConfig;
}

/** Read handout.config.yaml when the project has one (a broken link to one is an error); without it, the defaults hold. */
export function loadConfig(root: string, reads?: ReadRecorder): LoadedConfig {
  const file = join(root, configFileName);
  if (!lstatSync(file, { throwIfNoEntry: false })) return { file: null, text: '', config: {} };
  const text = readTextFile(file, { roots: [root], what: 'config file', maxBytes: limits.yamlBytes, reads });
  return { file, text, config: parseYamlData({ file, text, firstLine: 1 }, configSchema, 'config') };
}
