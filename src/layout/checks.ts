import type { Diagnostic } from '../errors.js';
import type { LayoutSpec } from '../spec/types.js';
import { lastPageShare, type Placed } from './body.js';
import { layoutDiagnostic, placeOfArticle } from './diagnostics.js';
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
): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
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
      const place = panel?.at ?? placeOfArticle(spec);
      if (used === 0 && !panel?.allowEmpty)
        errors.push(
          layoutDiagnostic(
            'error',
            'panel-empty',
            `the "${frame.name}" panel is empty: the article is too short for this template`,
            placeOfArticle(spec),
            'Build it as a handout, or write more; or the template may allow it (allow-empty="true").',
          ),
        );
      else if (share < 0.5 && used > 0)
        warnings.push(
          layoutDiagnostic(
            'warning',
            'panel-half-empty',
            `the "${frame.name}" panel is more than half empty (${Math.round(share * 100)}% used)`,
            placeOfArticle(spec),
            `A longer article, or larger type (fit="fill" fit-max, at ${place.file.split(/[\\/]/).pop()}${place.line ? `:${place.line}` : ''}), fills it.`,
          ),
        );
    }
    return { errors, warnings };
  }
  if (pageCount > 1) {
    const last = pageCount - 1;
    const share = lastPageShare(placed, frames);
    if (share < nearlyEmptyPage) {
      warnings.push(
        layoutDiagnostic(
          'warning',
          'last-page-nearly-empty',
          `the last page (page ${pageCount}) holds only ${Math.round(share * 100)}% of its body`,
          placeOfArticle(spec),
          `Shorten the article a little, or let the template land on ${last} page${last === 1 ? '' : 's'} (<document fit="pages" fit-pages="${last}">).`,
        ),
      );
    }
  }
  return { errors, warnings };
}
