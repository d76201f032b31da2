import type { LayoutSpec } from '../spec/types.js';
import { lastPageShare, type Placed } from './body.js';
import type { FrameSet } from './frames.js';
import { stackSlices } from './slices.js';

/** Below this share of its body, a last page looks like a mistake. */
const nearlyEmptyPage = 0.2;

/**
 * Pages and panels a designer would call broken: a fixed layout's flow panel left empty (an error unless
 * the template allows it) or more than half empty, a last page holding almost nothing (warnings, with the way out).
 */
export function fillProblems(
  spec: LayoutSpec,
  frames: FrameSet,
  placed: readonly Placed[],
  pageCount: number,
): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const usedIn = (page: number, name?: string) =>
    placed
      .filter((p) => p.frame.page === page && (name === undefined || p.frame.name === name))
      .reduce((sum, p) => sum + stackSlices(p.slices, 0).bottom, 0);
  if (frames.limit !== null) {
    for (let k = 0; k < frames.limit; k++) {
      const frame = frames.frame(k);
      const used = usedIn(frame.page, frame.name);
      const share = used / (frame.bottom - frame.top);
      const panel = spec.fixedPages[frame.page]?.panels.find((p) => p.name === frame.name);
      if (used === 0 && !panel?.allowEmpty) errors.push(`the "${frame.name}" panel is empty`);
      else if (share < 0.5 && used > 0)
        warnings.push(
          `the "${frame.name}" panel is more than half empty (${Math.round(share * 100)}% used): a longer article, or larger type (fit="fill" fit-max), fills it`,
        );
    }
    return { errors, warnings };
  }
  if (pageCount > 1) {
    const last = pageCount - 1;
    const share = lastPageShare(placed, frames);
    if (share < nearlyEmptyPage) {
      warnings.push(
        `the last page (page ${pageCount}) holds only ${Math.round(share * 100)}% of its body: shorten the article a little, or let the template land on ${last} page${last === 1 ? '' : 's'} (<document fit="pages" fit-pages="${last}">)`,
      );
    }
  }
  return { errors, warnings };
}
