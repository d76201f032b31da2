import { loadProject } from '../project/index.js';
import { type PlannedOutput, selectOutputs } from '../project/plan.js';

/** Every selected handout the project plans, built or not; a broken project plans nothing (check reports it). */
export function plannedOutputs(
  root: string,
  selection: { articles: readonly string[]; clinics: readonly string[]; template: string | null },
  config?: string | undefined,
): readonly PlannedOutput[] {
  try {
    return selectOutputs(loadProject({ root, config }), selection, null).selected;
  } catch {
    return [];
  }
}
