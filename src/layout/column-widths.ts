/** A word of a cell: its width, the space after it, and its parts when hyphenated at every point its language allows. */
export interface CellWord {
  readonly width: number;
  readonly space: number;
  /** Each part's width, without the hyphen drawn after all but the last; one part for a word that cannot break. */
  readonly parts: readonly number[];
  /** The hyphen's width. */
  readonly hyphen: number;
}

/** A cell's text as layout measured it on one unbounded line: what choosing column widths needs. */
export interface CellText {
  /** The words of each forced line (`<br>` starts another), in points. */
  readonly lines: readonly (readonly CellWord[])[];
  readonly lineHeight: number;
  /** The widest word (the narrowest the cell can be without hyphenation), and the text on one line (the widest it needs). */
  readonly min: number;
  readonly max: number;
  /** The widest part of a word hyphenated at every point: the narrowest the cell can be at all. */
  readonly hyphenatedMin: number;
}

/** What a hyphenated word costs in the search below, as a share of a line: a little, so it is used only when it pays. */
const hyphenCost = 0.5;

/** How finely widths are moved between columns, coarse to fine, in points. */
const steps = [16, 8, 4, 2, 1];
const movesPerStep = 200;

/**
 * Widths for columns that must share `width` (each at least its widest word plus `padX`; the sum of those
 * fits). When every cell fits on one line, the spare room is shared in proportion to the columns' widths.
 * Otherwise, starting from shares that grow with the square root of each column's text, room is moved from
 * column to column while that makes the table shorter (its rows' heights, plus a little for every wrapped
 * cell, so that a short cell such as "Week 3" is not wrapped for nothing). Line counts are estimated by
 * filling lines greedily; the cells are then set for real by the paragraph breaker.
 */
export function columnWidths(
  cells: readonly (readonly CellText[])[],
  width: number,
  padX: number,
  hyphenate = false,
): number[] {
  const columns = cells[0]?.length ?? 0;
  const column = (c: number) => cells.map((row) => row[c] as CellText);
  const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);
  const narrowest = (t: CellText) => (hyphenate ? t.hyphenatedMin : t.min);
  const min = Array.from({ length: columns }, (_, c) => Math.max(...column(c).map(narrowest)) + padX);
  const max = Array.from({ length: columns }, (_, c) =>
    Math.max(min[c] as number, Math.max(...column(c).map((t) => t.max)) + padX),
  );
  const spare = width - sum(max);
  if (spare >= 0) return max.map((m) => m + (spare * m) / sum(max));

  const widths = startingWidths(cells, min, max, width);
  const heights = cells.map((row) => row.map((cell, c) => cellHeight(cell, (widths[c] as number) - padX)));
  let cost = tableCost(heights);
  for (const step of steps) {
    for (let move = 0; move < movesPerStep; move++) {
      let best: { from: number; to: number; cost: number; heights: number[][] } | null = null;
      for (let to = 0; to < columns; to++) {
        if ((widths[to] as number) + step > (max[to] as number) + 0.001) continue;
        for (let from = 0; from < columns; from++) {
          if (from === to || (widths[from] as number) - step < (min[from] as number) - 0.001) continue;
          const trial = heights.map((row, r) =>
            row.map((h, c) =>
              c === to || c === from
                ? cellHeight(cells[r]?.[c] as CellText, (widths[c] as number) + (c === to ? step : -step) - padX)
                : h,
            ),
          );
          const trialCost = tableCost(trial);
          if (trialCost < (best?.cost ?? cost) - 0.001) best = { from, to, cost: trialCost, heights: trial };
        }
      }
      if (!best) break;
      widths[best.to] = (widths[best.to] as number) + step;
      widths[best.from] = (widths[best.from] as number) - step;
      heights.splice(0, heights.length, ...best.heights);
      cost = best.cost;
    }
  }
  return widths;
}

/** Rows as tall as their tallest cell, and a twentieth of every cell's height to break ties toward fewer wraps. */
function tableCost(heights: readonly (readonly number[])[]): number {
  return heights.reduce((total, row) => total + Math.max(...row) + row.reduce((a, h) => a + h, 0) / 20, 0);
}

/** A share growing with the square root of each column's text, held between its minimum and maximum. */
function startingWidths(
  cells: readonly (readonly CellText[])[],
  min: readonly number[],
  max: readonly number[],
  width: number,
): number[] {
  const weights = min.map((_, c) => Math.sqrt(cells.reduce((total, row) => total + (row[c]?.max ?? 0), 0)));
  const at = (level: number) =>
    min.map((m, c) => Math.min(max[c] as number, Math.max(m, level * (weights[c] as number))));
  let [low, high] = [0, width / Math.min(...weights.filter((w) => w > 0), width)];
  for (let step = 0; step < 50; step++) {
    const level = (low + high) / 2;
    if (at(level).reduce((a, w) => a + w, 0) > width) high = level;
    else low = level;
  }
  return at(low);
}

/**
 * The cell's height at a text width, filling each line with as many words as fit; a word wider than the line
 * is hyphenated, as many of its parts on each line as fit, and each hyphen costs a little more height.
 */
function cellHeight(cell: CellText, width: number): number {
  let lines = 0;
  let hyphens = 0;
  for (const words of cell.lines) {
    lines++;
    let used = 0;
    for (const word of words) {
      if (used > 0 && used + word.width > width + 0.001) {
        lines++;
        used = 0;
      }
      if (word.width > width + 0.001 && word.parts.length > 1) {
        let line = 0;
        word.parts.forEach((part, i) => {
          const hyphen = i < word.parts.length - 1 ? word.hyphen : 0;
          if (line > 0 && line + part + hyphen > width + 0.001) {
            lines++;
            hyphens++;
            line = 0;
          }
          line += part;
        });
        used = line;
      } else used += word.width;
      used += word.space;
    }
  }
  return (Math.max(1, lines) + hyphens * hyphenCost) * cell.lineHeight;
}
