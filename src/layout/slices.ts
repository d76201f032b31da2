import type { SourcePlace } from '../errors.js';
import type { Box, RectBox } from './types.js';

/** A container's decoration (a callout's fill and border), drawn behind whatever part of it lands on a page. */
export interface Group {
  readonly id: number;
  readonly x: number;
  readonly width: number;
  readonly fill: string | null;
  readonly border: string | null;
  readonly borderWidth: number;
  readonly borderLeftOnly: boolean;
  readonly radius: number;
}

/** The unit pagination works on: a line of text, an image, a padding strip. */
export interface Slice {
  readonly height: number;
  /** Space above, dropped at the top of a page or container. */
  readonly spaceBefore: number;
  /** Boxes with y measured from the slice's top. */
  readonly boxes: readonly Box[];
  /** True when a page must not break between this slice and the next. */
  readonly keepWithNext: boolean;
  /** The keep with the next slice yields when holding it would leave a page too empty (see paginate). */
  readonly softKeep?: boolean | undefined;
  readonly breakBefore: boolean;
  /** Containers this slice is inside, outermost first. */
  readonly groups: readonly Group[];
  /** Slices drawn above this one when it starts a page or column: a table's header rows, repeated. */
  readonly repeat?: readonly Slice[] | undefined;
  /** This slice is such a repeat: pagination adds it, so laying the same slices out again drops it. */
  readonly repeated?: boolean | undefined;
  /** Where its content came from (the article line, else the template line), for problems such as overflow. */
  readonly source?: SourcePlace | undefined;
}

export function slice(height: number, boxes: readonly Box[], extra: Partial<Slice> = {}): Slice {
  return { height, spaceBefore: 0, boxes, keepWithNext: false, breakBefore: false, groups: [], ...extra };
}

/** The slice kept with the next whatever the cost (a list item, a note kept whole). */
export function keptHard(s: Slice): Slice {
  return { ...s, keepWithNext: true, softKeep: false };
}

/** The slice kept with the next unless that leaves a page too empty; a keep it already had stays as it was. */
export function keptSoft(s: Slice): Slice {
  return s.keepWithNext ? s : { ...s, keepWithNext: true, softKeep: true };
}

/** Move boxes down by dy. */
export function shiftBoxes(boxes: readonly Box[], dy: number): Box[] {
  return boxes.map((box) => ({ ...box, y: box.y + dy }));
}

/** Stack slices from y = top, space collapsing at the top; container decorations go behind their content. */
export function stackSlices(slices: readonly Slice[], top: number): { boxes: Box[]; bottom: number } {
  const content: Box[] = [];
  const extents = new Map<Group, { top: number; bottom: number }>();
  let y = top;
  slices.forEach((s, index) => {
    if (index > 0) y += s.spaceBefore;
    content.push(...shiftBoxes(s.boxes, y));
    for (const group of s.groups) {
      const extent = extents.get(group);
      if (extent) extent.bottom = y + s.height;
      else extents.set(group, { top: y, bottom: y + s.height });
    }
    y += s.height;
  });
  const decorations: Box[] = [];
  for (const [group, extent] of extents) decorations.push(...decorate(group, extent.top, extent.bottom));
  return { boxes: [...decorations, ...content], bottom: y };
}

function decorate(group: Group, top: number, bottom: number): RectBox[] {
  const height = bottom - top;
  const base = {
    kind: 'rect' as const,
    y: top,
    height,
    radius: group.radius,
    lineWidth: group.borderWidth,
    node: null,
  };
  const rects: RectBox[] = [];
  if (group.fill || (group.border && !group.borderLeftOnly)) {
    rects.push({
      ...base,
      x: group.x,
      width: group.width,
      fill: group.fill,
      stroke: group.borderLeftOnly ? null : group.border,
    });
  }
  if (group.border && group.borderLeftOnly) {
    rects.push({
      ...base,
      x: group.x,
      width: group.borderWidth,
      radius: 0,
      fill: group.border,
      stroke: null,
      lineWidth: 0,
    });
  }
  return rects;
}
