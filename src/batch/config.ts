import { existsSync } from 'node:fs';
import { join } from 'node:path';
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

/** Read handout.config.yaml when the project has one; without it, the defaults hold. */
export function loadConfig(root: string): LoadedConfig {
  const file = join(root, configFileName);
  if (!existsSync(file)) return { file: null, text: '', config: {} };
  const text = readTextFile(file, 'config file');
  return { file, text, config: parseYamlData({ file, text, firstLine: 1 }, configSchema, 'config') };
}
