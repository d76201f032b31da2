import type { Slice } from './slices.js';

export interface PageArea {
  readonly top: number;
  readonly bottom: number;
}

const epsilon = 0.01;

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
        let j = i - 1;
        while (j >= start && (slices[j] as Slice).keepWithNext) j--;
        if (j >= start) i = j + 1;
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

export class PageLimitError extends Error {
  constructor(readonly limit: number) {
    super(`the layout would need more than ${limit} pages`);
  }
}
