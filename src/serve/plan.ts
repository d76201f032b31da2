import { loadConfig } from '../batch/config.js';
import { type PlannedOutput, planBuild } from '../batch/plan.js';
import { findProjectFiles } from '../batch/project.js';

/** Every selected handout the config plans, built or not; a broken config plans nothing (check reports it). */
export function plannedOutputs(
  root: string,
  selection: { articles: readonly string[]; clinics: readonly string[]; template: string | null },
): readonly PlannedOutput[] {
  try {
    const loaded = loadConfig(root);
    return planBuild(findProjectFiles(root), loaded.config, loaded.file, selection, root).outputs;
  } catch {
    return [];
  }
}
