import type { Box, LaidOutPage } from './types.js';

/** The anchor a note's number leads back to: the first reference to the note. */
export const referenceAnchor = (noteId: string) => `${noteId}-ref`;

/**
 * Footnotes both ways: an anchor at the first reference to each note, which the note's number links back
 * to. A note no reference leads to keeps a plain number (a link must lead somewhere).
 */
export function linkNotesBack(pages: readonly LaidOutPage[]): LaidOutPage[] {
  const referenced = new Set<string>();
  const withAnchors = pages.map((page) => ({
    boxes: page.boxes.flatMap((box): Box[] => {
      if (box.kind !== 'text' || !box.href?.startsWith('#') || box.href.endsWith('-ref')) return [box];
      const name = referenceAnchor(box.href.slice(1));
      if (referenced.has(name)) return [box];
      referenced.add(name);
      return [{ kind: 'anchor', x: box.x, y: box.y - box.size, name, node: null }, box];
    }),
  }));
  return withAnchors.map((page) => ({
    boxes: page.boxes.map((box) =>
      box.kind === 'text' && box.href?.endsWith('-ref') && !referenced.has(box.href.slice(1))
        ? { ...box, href: null }
        : box,
    ),
  }));
}
