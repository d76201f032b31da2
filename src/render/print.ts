import type { Box, LaidOutDocument } from '../layout/types.js';
import type { PrintOptions } from './types.js';

/** Room outside the bleed for crop marks. */
const slug = 24;
const markLength = 18;

export interface PrintGeometry {
  /** The sheet (MediaBox) size. */
  readonly width: number;
  readonly height: number;
  /** Where the trimmed page's top-left corner sits on the sheet. */
  readonly offset: number;
}

export function printGeometry(document: LaidOutDocument, print: PrintOptions): PrintGeometry {
  const offset = print.bleed + (print.marks ? slug : 0);
  return { width: document.width + 2 * offset, height: document.height + 2 * offset, offset };
}

/** Backgrounds that touch the trimmed edge run on into the bleed, so a trim slightly off shows no white line. */
export function extendIntoBleed(box: Box, document: LaidOutDocument, bleed: number): Box {
  if (bleed <= 0 || box.kind !== 'rect' || !box.fill) return box;
  const edge = 0.5;
  // A band inset from the paper's edge on screen runs to the edge, and on into the bleed, for the print shop.
  let { x, y, width, height } = box.bleed ?? box;
  if (x <= edge) [x, width] = [x - bleed, width + bleed];
  if (y <= edge) [y, height] = [y - bleed, height + bleed];
  if (x + width >= document.width - edge) width += bleed;
  if (y + height >= document.height - edge) height += bleed;
  return { ...box, x, y, width, height, radius: 0 };
}

/** TrimBox and BleedBox in PDF's own coordinates (origin at the bottom left). */
export function pageBoxes(document: LaidOutDocument, geometry: PrintGeometry, bleed: number) {
  const { offset, height } = geometry;
  const [x1, y1, x2, y2] = [offset, height - offset - document.height, offset + document.width, height - offset];
  return {
    TrimBox: [x1, y1, x2, y2],
    BleedBox: [x1 - bleed, y1 - bleed, x2 + bleed, y2 + bleed],
  };
}

/** Crop marks at the four corners, outside the trim and the bleed, as hairlines in registration black. */
export function cropMarks(
  document: LaidOutDocument,
  geometry: PrintGeometry,
  bleed: number,
): [number, number, number, number][] {
  const o = geometry.offset;
  const [left, top, right, bottom] = [o, o, o + document.width, o + document.height];
  const gap = bleed;
  const lines: [number, number, number, number][] = [];
  for (const [x, dx] of [
    [left, -1],
    [right, 1],
  ] as const) {
    for (const [y, dy] of [
      [top, -1],
      [bottom, 1],
    ] as const) {
      lines.push([x + dx * gap, y, x + dx * (gap + markLength), y]);
      lines.push([x, y + dy * gap, x, y + dy * (gap + markLength)]);
    }
  }
  return lines;
}
