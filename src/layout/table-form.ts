import type { TableSpec } from '../spec/types.js';
import type { CellText } from './column-widths.js';

/** A row a pen can write in: 10 mm, at the top of the 9–10 mm that forms for older hands ask for. */
export const writableRowHeight = (10 / 25.4) * 72;

/** The lines between a form's columns: thin, so that they guide the pen without boxing each cell heavily. */
export const formRuleWidth = 0.5;

/**
 * A table is a form to fill in (a blood-pressure log, a row per weekday) when it has at least two body rows
 * and at least half of its body cells are empty: then an empty cell is a place to write, not missing data.
 */
export function isForm(block: TableSpec): boolean {
  const body = block.rows.slice(block.headerRows);
  const cells = body.flat();
  const empty = cells.filter((cell) => cell.inlines.every((i) => i.kind === 'text' && i.text.trim() === '')).length;
  return body.length >= 2 && empty * 2 >= cells.length;
}

/**
 * A form's column widths: the columns with something written in their body cells (the weekday, the time)
 * get their text on one line, and the columns to write in share the rest as equally as their headers allow
 * (each at least its header's longest word, else its longest part when hyphenated). Null when that does not
 * fit: the table is then sized as any other.
 */
export function formWidths(
  cells: readonly (readonly CellText[])[],
  width: number,
  padX: number,
  headerRows: number,
): number[] | null {
  const columns = cells[0]?.length ?? 0;
  const body = cells.slice(headerRows);
  const labelled = Array.from({ length: columns }, (_, c) => body.some((row) => (row[c]?.max ?? 0) > 0));
  const widest = (c: number, of: (t: CellText) => number) =>
    Math.max(...cells.map((row) => of(row[c] as CellText))) + padX;
  const labels = labelled.map((l, c) => (l ? widest(c, (t) => t.max) : 0));
  const rest = width - labels.reduce((sum, w) => sum + w, 0);
  if (labelled.every((l) => l) || rest <= 0) return null;
  for (const least of [(t: CellText) => t.min, (t: CellText) => t.hyphenatedMin]) {
    const needs = labelled.map((l, c) => (l ? null : widest(c, least)));
    const shared = evenShares(needs, rest);
    if (shared) return labelled.map((l, c) => (l ? (labels[c] as number) : (shared[c] as number)));
  }
  return null;
}

/** `room` shared as equally as possible among the non-null columns, none below its need; null when the needs exceed it. */
function evenShares(needs: readonly (number | null)[], room: number): (number | null)[] | null {
  const open = needs.filter((n) => n !== null);
  if (open.reduce((sum, n) => sum + n, 0) > room + 0.01) return null;
  // The level: every column below it is raised to it, and the raised columns use exactly the room.
  let [low, high] = [0, room];
  for (let step = 0; step < 50; step++) {
    const level = (low + high) / 2;
    if (open.reduce((sum, n) => sum + Math.max(n, level), 0) > room) high = level;
    else low = level;
  }
  return needs.map((n) => (n === null ? null : Math.max(n, low)));
}
