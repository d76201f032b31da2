import type { Brand } from '../brand/types.js';
import type { Article } from '../content/types.js';
import { type Problem, problemsOf } from '../errors.js';
import { layoutHandout } from '../pipeline.js';
import type { LabelOverrides } from '../shared/labels.js';
import { preflight } from './preflight.js';

/** One planned handout to lay out (never drawn), in a worker under the build's budget. */
export interface LayoutTask {
  readonly root: string;
  readonly article: Article;
  readonly brand: Brand;
  readonly template: string;
  readonly labels: LabelOverrides;
  /** Print-shop preflight of the laid-out pages too. */
  readonly print: boolean;
}

/** What laying it out found: its notes and warnings, or why it could not be laid out. */
export interface LayoutResult {
  readonly laidOut: boolean;
  readonly problems: readonly Problem[];
}

/** Lay out one handout as the build would; failures come back as problems, never as a throw. */
export async function layoutChecked(task: LayoutTask): Promise<LayoutResult> {
  try {
    const layout = layoutHandout(task);
    const found = [...layout.document.notes, ...(task.print ? preflight(layout, task.article.file) : [])];
    return { laidOut: true, problems: found };
  } catch (error) {
    return { laidOut: false, problems: problemsOf(error, task.article.file) };
  }
}
