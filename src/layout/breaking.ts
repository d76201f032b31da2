/**
 * Total-fit line breaking (Knuth and Plass, "Breaking Paragraphs into Lines", 1981): the breaks of a
 * whole paragraph are chosen together, so that the sum of every line's demerits is least, instead of
 * filling each line as full as it goes. It works on abstract items: boxes (text), glue (a space that may
 * stretch or shrink) and penalties (a place to break, at a cost, such as a hyphenation point).
 */
export type Item =
  | { readonly kind: 'box'; readonly width: number }
  | { readonly kind: 'glue'; readonly width: number; readonly stretch: number; readonly shrink: number }
  | { readonly kind: 'penalty'; readonly width: number; readonly cost: number; readonly flagged: boolean };

export interface BreakOptions {
  readonly lineWidth: number;
  /** The largest adjustment ratio a line may have (1: its glue stretched fully). */
  readonly tolerance: number;
  /**
   * Ragged lines: each line may fall short of the width by up to this much at a badness of 100, and
   * glue neither stretches nor shrinks. Null for justified lines.
   */
  readonly ragged: number | null;
}

/** A penalty this high forbids a break; this low forces one. */
export const forbidden = 10000;
export const forced = -10000;

const linePenalty = 10;
/** Two hyphenated lines in a row. */
const flaggedDemerits = 3000;
/** A loose line next to a tight one: as TeX's \adjdemerits, enough to outweigh a somewhat worse line. */
const fitnessDemerits = 10000;

interface Node {
  readonly position: number;
  readonly line: number;
  readonly fitness: number;
  readonly width: number;
  readonly stretch: number;
  readonly shrink: number;
  readonly demerits: number;
  readonly flagged: boolean;
  readonly previous: Node | null;
}

/**
 * The item indices where the lines end (each a glue or a penalty; the last is the paragraph's final
 * forced break), or null when no set of breaks keeps every line within the tolerance.
 */
export function optimalBreaks(items: readonly Item[], options: BreakOptions): number[] | null {
  const { lineWidth, tolerance, ragged } = options;
  // Running totals before each item, so any line's width is a difference.
  const width = new Float64Array(items.length + 1);
  const stretch = new Float64Array(items.length + 1);
  const shrink = new Float64Array(items.length + 1);
  items.forEach((item, i) => {
    width[i + 1] = (width[i] as number) + (item.kind === 'penalty' ? 0 : item.width);
    stretch[i + 1] = (stretch[i] as number) + (item.kind === 'glue' && ragged === null ? item.stretch : 0);
    shrink[i + 1] = (shrink[i] as number) + (item.kind === 'glue' && ragged === null ? item.shrink : 0);
  });

  let active: Node[] = [
    { position: -1, line: 0, fitness: 1, width: 0, stretch: 0, shrink: 0, demerits: 0, flagged: false, previous: null },
  ];
  const last = items.length - 1;
  for (let b = 0; b < items.length; b++) {
    const item = items[b] as Item;
    const legal =
      (item.kind === 'glue' && b > 0 && items[b - 1]?.kind === 'box') ||
      (item.kind === 'penalty' && item.cost < forbidden);
    if (!legal) continue;
    const cost = item.kind === 'penalty' ? item.cost : 0;
    const flagged = item.kind === 'penalty' && item.flagged;
    const isForced = cost <= forced;
    const best: (Node | null)[] = [null, null, null, null];
    const start = nextLine(items, b, width, stretch, shrink);
    const survivors: Node[] = [];
    for (const a of active) {
      const natural = (width[b] as number) - a.width + (item.kind === 'penalty' ? item.width : 0);
      const ratio = adjustment(natural, a, b, lineWidth, ragged, b === last, stretch, shrink);
      if (ratio >= -1 && !isForced) survivors.push(a);
      if (ratio < -1 || ratio > tolerance) continue;
      const badness = 100 * Math.abs(ratio) ** 3;
      let demerits = (linePenalty + badness) ** 2;
      if (cost > 0) demerits += cost ** 2;
      else if (cost > forced) demerits -= cost ** 2;
      if (flagged && a.flagged) demerits += flaggedDemerits;
      // Ragged lines are never stretched, so their looseness is not a visual class: one best node will do.
      const fitness = ragged !== null ? 1 : ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
      if (Math.abs(fitness - a.fitness) > 1) demerits += fitnessDemerits;
      const total = a.demerits + demerits;
      const current = best[fitness];
      if (!current || total < current.demerits) {
        best[fitness] = { ...start, line: a.line + 1, fitness, demerits: total, flagged, previous: a };
      }
    }
    active = survivors;
    for (const node of best) if (node) active.push(node);
    if (active.length === 0) return null;
  }
  const end = active
    .filter((node) => node.position === last)
    .reduce<Node | null>((min, node) => (!min || node.demerits < min.demerits ? node : min), null);
  if (!end) return null;
  const breaks: number[] = [];
  for (let node: Node | null = end; node && node.position >= 0; node = node.previous) breaks.push(node.position);
  return breaks.reverse();
}

function adjustment(
  natural: number,
  from: Node,
  b: number,
  lineWidth: number,
  ragged: number | null,
  lastLine: boolean,
  stretch: Float64Array,
  shrink: Float64Array,
): number {
  if (natural > lineWidth + 1e-6) {
    if (ragged !== null) return Number.NEGATIVE_INFINITY;
    const available = (shrink[b] as number) - from.shrink;
    return available > 0 ? (lineWidth - natural) / available : Number.NEGATIVE_INFINITY;
  }
  // The last line may end anywhere short of the edge, as TeX's \parfillskip lets it.
  if (lastLine) return 0;
  if (ragged !== null) return (lineWidth - natural) / ragged;
  const available = (stretch[b] as number) - from.stretch;
  return available > 0 ? (lineWidth - natural) / available : natural >= lineWidth - 1e-6 ? 0 : Number.POSITIVE_INFINITY;
}

/** Where the next line starts after a break at b (the glue and penalties after it are dropped), with the totals there. */
function nextLine(
  items: readonly Item[],
  b: number,
  width: Float64Array,
  stretch: Float64Array,
  shrink: Float64Array,
): Pick<Node, 'position' | 'width' | 'stretch' | 'shrink'> {
  let next = b + 1;
  while (next < items.length && items[next]?.kind !== 'box') {
    if (items[next]?.kind === 'penalty' && (items[next] as { cost: number }).cost <= forced) break;
    next++;
  }
  return {
    position: b,
    width: width[next] as number,
    stretch: stretch[next] as number,
    shrink: shrink[next] as number,
  };
}
