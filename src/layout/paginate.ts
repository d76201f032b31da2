import type { Slice } from './slices.js';

export interface PageArea {
  readonly top: number;
  readonly bottom: number;
}

const epsilon = 0.01;
/** A soft keep (a short table or callout kept whole, a lead-in with its table) yields before leaving more of a page empty than this. */
export const maxHole = 0.3;

/**
 * Split slices into pages. A page breaks after the last slice that does not keep with the next;
 * when a whole page is one keep chain, it breaks where it must (keeping is off at a page's top,
 * or an oversized group would never be placed). A page that starts inside a table begins with the
 * table's header rows (the slice's `repeat`).
 */
export function paginate(
  slices: readonly Slice[],
  areaFor: (pageIndex: number) => PageArea,
  maxPages: number,
  hole: number = maxHole,
): Slice[][] {
  const pages: Slice[][] = [];
  let i = 0;
  while (i < slices.length) {
    if (pages.length >= maxPages) throw new PageLimitError(maxPages);
    const area = areaFor(pages.length);
    const available = area.bottom - area.top;
    const start = i;
    // A table that runs on to this page shows its header rows again first.
    const repeated = (slices[start] as Slice).repeat ?? [];
    let y = repeated.reduce((sum, s) => sum + s.height, 0);
    while (i < slices.length) {
      const s = slices[i] as Slice;
      const placed = i > start;
      if (placed && s.breakBefore) break;
      const gap = placed ? s.spaceBefore : 0;
      if (placed && y + gap + s.height > available + epsilon) {
        i = breakPoint(slices, start, i, available * (1 - hole), y);
        break;
      }
      y += gap + s.height;
      i++;
    }
    // Every page takes at least one slice, so pagination always ends.
    if (i === start) i = start + 1;
    pages.push([...repeated, ...slices.slice(start, i)]);
  }
  return pages.length > 0 ? pages : [[]];
}

/**
 * Where a page that cannot take slice `next` ends: after the last slice that does not keep with the next; but
 * when that leaves the page holding less than `enough`, at the last soft keep instead (a long keep chain yields).
 */
function breakPoint(slices: readonly Slice[], start: number, next: number, enough: number, used: number): number {
  let j = next - 1;
  while (j >= start && (slices[j] as Slice).keepWithNext) j--;
  const clean = j + 1;
  if (j >= start && filled(slices, start, clean, used, next) >= enough) return clean;
  for (let k = next; k > Math.max(clean, start); k--) {
    const before = slices[k - 1] as Slice;
    if (before.softKeep && before.keepWithNext) return k;
  }
  return j >= start ? clean : next;
}

/** The height the page holds when it ends before slice `end` (`used` is its height up to `next`). */
function filled(slices: readonly Slice[], start: number, end: number, used: number, next: number): number {
  let height = used;
  for (let k = next - 1; k >= end && k >= start; k--) {
    const s = slices[k] as Slice;
    height -= s.height + (k > start ? s.spaceBefore : 0);
  }
  return height;
}

export class PageLimitError extends Error {
  constructor(readonly limit: number) {
    super(`the layout would need more than ${limit} pages`);
  }
}
