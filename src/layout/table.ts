import type { TableCellSpec, TableSpec, TextStyle } from '../spec/types.js';
import { addNode, type FlowContext, within } from './flow-context.js';
import { type Slice, slice } from './slices.js';
import { type SetLine, setParagraph } from './text.js';
import type { Box, RectBox, StructNode } from './types.js';

/** Wide enough that no line of a cell breaks: its max-content width. */
const unbounded = 100_000;
const epsilon = 0.01;

/** A cell's content widths: its widest word (it can be no narrower) and its text on one line. */
interface ContentWidths {
  readonly min: number;
  readonly max: number;
  readonly widest: string;
}

/**
 * A table as slices: column widths from the cells' content within `width`, each cell's text set by
 * setParagraph, header rows repeated on every page or column the table reaches, stripes and rules as
 * artifacts, and Table/THead/TBody/TR/TH/TD structure. A row breaks across pages only where it must (a row
 * taller than a page), and then only between lines.
 */
export function flowTable(block: TableSpec, left: number, width: number, context: FlowContext): Slice[] {
  const columns = block.rows[0]?.length ?? 0;
  if (columns === 0) return [];
  const { padding } = block;
  const padX = padding.left + padding.right;
  const measured = block.rows.map((row) => row.map((cell) => contentWidths(cell, block, context)));
  const widths = columnWidths(measured, columns, padX, width, block, context);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((sum, w) => sum + w, 0));

  const table = addNode(context, 'Table');
  const head = block.headerRows > 0 ? addNode(within(context, table), 'THead') : null;
  const body = block.headerRows < block.rows.length ? addNode(within(context, table), 'TBody') : null;
  const header: Slice[] = [];
  const out: Slice[] = [];
  block.rows.forEach((row, r) => {
    const inHeader = r < block.headerRows;
    const tr = addNode(within(context, inHeader ? head : body), 'TR');
    const cells = row.map((cell, c) => {
      const node = addNode(
        within(context, tr),
        cell.header ? 'TH' : 'TD',
        null,
        cell.header ? { scope: inHeader ? 'Column' : 'Row' } : {},
      );
      const lines = setParagraph(
        cell.inlines,
        styleOf(cell, block),
        (xs[c] as number) + padding.left,
        (widths[c] as number) - padX,
        context.text,
      );
      return { lines, node, id: node?.id ?? context.ids.node++ };
    });
    const bodyIndex = r - block.headerRows;
    const fill = inHeader ? block.headerFill : bodyIndex % 2 === 1 ? block.stripe : null;
    const last = r === block.rows.length - 1;
    const major = r === block.headerRows - 1 || last;
    const bands = rowBands(cells, block, { left, width, fill, closing: major ? block.rule : block.rowRule, thin: !major });
    bands.forEach((band, b) => {
      const lastBand = b === bands.length - 1;
      const placed = {
        ...band,
        spaceBefore: r === 0 && b === 0 ? block.spaceBefore : 0,
        // A row stays whole unless it is taller than a page; the header stays with the first body row.
        keepWithNext: !lastBand || (inHeader && !last),
      };
      if (inHeader) header.push(placed);
      out.push(placed);
    });
  });
  const repeat = header.map(asRepeated);
  const bodyStart = header.length;
  return out.map((s, i) => (i >= bodyStart && repeat.length > 0 ? { ...s, repeat } : s));
}

function styleOf(cell: TableCellSpec, block: TableSpec): TextStyle {
  const base = cell.header ? block.headerStyle : block.style;
  return base.align === cell.align ? base : { ...base, align: cell.align };
}

/** Max-content from the cell set on one unbounded line; min-content from that line's glyphs between spaces. */
function contentWidths(cell: TableCellSpec, block: TableSpec, context: FlowContext): ContentWidths {
  const lines = setParagraph(cell.inlines, { ...styleOf(cell, block), align: 'left' }, 0, unbounded, context.text);
  let min = 0;
  let max = 0;
  let widest = '';
  for (const line of lines) {
    max = Math.max(max, line.width);
    let word = 0;
    let text = '';
    const end = () => {
      if (word > min) [min, widest] = [word, text];
      word = 0;
      text = '';
    };
    for (const box of line.boxes) {
      if (box.kind !== 'text') continue;
      for (const glyph of box.glyphs) {
        // Only spaces count as places to break: a narrower column could cut a word a line break would not.
        if (glyph.text !== '' && glyph.text.trim() === '') end();
        else {
          word += (glyph.advance * box.size) / 1000;
          text += glyph.text;
        }
      }
    }
    end();
  }
  return { min, max, widest };
}

/**
 * Column widths filling `width`. When every cell fits on one line, the spare room is shared in proportion to
 * the columns' widths. Otherwise the columns are filled like water: all get the same width, except that a
 * column never gets less than its widest word nor more than its text on one line, so short columns (a dose,
 * "Yes") stay on one line and the long ones share the rest. A table whose words alone do not fit is an
 * error, placed at the table's line in the article.
 */
function columnWidths(
  measured: readonly (readonly ContentWidths[])[],
  columns: number,
  padX: number,
  width: number,
  block: TableSpec,
  context: FlowContext,
): number[] {
  const column = (c: number) => measured.map((row) => row[c] as ContentWidths);
  const min = Array.from({ length: columns }, (_, c) => Math.max(...column(c).map((m) => m.min)) + padX + epsilon);
  const max = Array.from({ length: columns }, (_, c) =>
    Math.max(min[c] as number, Math.max(...column(c).map((m) => m.max)) + padX + epsilon),
  );
  const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);
  const needed = sum(min);
  if (needed > width + epsilon) {
    const widest = Array.from({ length: columns }, (_, c) => {
      const cells = column(c);
      return cells.reduce((a, b) => (b.min > a.min ? b : a), cells[0] as ContentWidths).widest;
    });
    context.placed.push({
      code: 'table-too-wide',
      message: `the table is too wide: its ${columns} columns need at least ${Math.ceil(needed)} pt (the longest word of each, with the cells' padding), but the column it is set in is ${Math.floor(width)} pt wide`,
      hint: `Shorten the longest words (${widest.map((w) => `"${w}"`).join(', ')}), use fewer columns, or write the rows as a list ("- **Morning:** 1 tablet"); a template with wider columns may fit it.`,
      sourceLine: block.sourceLine,
      specLine: block.line,
    });
    return min.map((m) => (m * width) / needed);
  }
  const spareOverMax = width - sum(max);
  if (spareOverMax >= 0) return max.map((m) => m + (spareOverMax * m) / sum(max));
  const at = (level: number) => min.map((m, c) => Math.min(max[c] as number, Math.max(m, level)));
  // The filled width grows with the level: find the level that fills the column exactly.
  let [low, high] = [0, width];
  for (let step = 0; step < 40; step++) {
    const level = (low + high) / 2;
    if (sum(at(level)) > width) high = level;
    else low = level;
  }
  return at(low);
}

interface CellLines {
  readonly lines: readonly SetLine[];
  readonly node: StructNode | null;
  readonly id: number;
}

interface RowLook {
  readonly left: number;
  readonly width: number;
  readonly fill: string | null;
  /** The line under the row (the header's, the table's last, or between rows), or null. */
  readonly closing: string | null;
  /** The closing line is a thin one between body rows. */
  readonly thin: boolean;
}

/**
 * A row as bands: one band when it can stay whole (the usual case), cut only at heights where every cell is
 * between two lines, so that a row taller than a page can still be split without cutting through a line.
 */
function rowBands(cells: readonly CellLines[], block: TableSpec, look: RowLook): Slice[] {
  const tops = cells.map((cell) => lineTops(cell.lines));
  const content = Math.max(0, ...tops.map((t) => t[t.length - 1] as number));
  const candidates = [...new Set(tops.flatMap((t) => t.slice(1, -1)))].sort((a, b) => a - b);
  const cuts = candidates.filter((y) =>
    tops.every((t) => y >= (t[t.length - 1] as number) - epsilon || t.some((top) => Math.abs(top - y) < epsilon)),
  );
  const edges = [0, ...cuts, content];
  const { padding } = block;
  return edges.slice(0, -1).map((top, k) => {
    const bottom = edges[k + 1] as number;
    const first = k === 0;
    const last = k === edges.length - 2;
    const offset = first ? padding.top : 0;
    const height = bottom - top + offset + (last ? padding.bottom : 0);
    const text: Box[] = cells.flatMap((cell, c) =>
      cell.lines.flatMap((line, i) => {
        const lineTop = tops[c]?.[i] as number;
        if (lineTop < top - epsilon || lineTop >= bottom - epsilon) return [];
        return line.boxes.map((box) => ({
          ...box,
          y: box.y + offset + lineTop - top,
          block: cell.id,
          node: cell.node?.id ?? null,
        }));
      }),
    );
    const decoration: RectBox[] = [];
    if (look.fill) decoration.push(rect(look.left, 0, look.width, height, look.fill));
    if (last && look.closing) {
      const thickness = look.thin ? Math.min(0.5, block.ruleWidth) : block.ruleWidth;
      decoration.push(rect(look.left, height - thickness, look.width, thickness, look.closing));
    }
    return slice(height, [...decoration, ...text]);
  });
}

/** The top of each line and, last, the bottom of the last one, from the cell's content top. */
function lineTops(lines: readonly SetLine[]): number[] {
  const tops = [0];
  for (const line of lines) tops.push((tops[tops.length - 1] as number) + line.height);
  return tops;
}

function rect(x: number, y: number, width: number, height: number, fill: string): RectBox {
  return { kind: 'rect', x, y, width, height, fill, stroke: null, lineWidth: 0, radius: 0, node: null };
}

/** A header row shown again on a new page is page furniture: an artifact, read once where the table starts. */
function asRepeated(header: Slice): Slice {
  return {
    ...header,
    spaceBefore: 0,
    keepWithNext: true,
    boxes: header.boxes.map((box) => (box.kind === 'text' ? { ...box, node: null, artifact: true } : box)),
  };
}
