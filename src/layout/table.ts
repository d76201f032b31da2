import type { SpecInline, TableCellSpec, TableSpec, TextStyle } from '../spec/types.js';
import { breaksBeside, leadingFor } from './cjk.js';
import { type CellText, type CellWord, columnWidths } from './column-widths.js';
import { addNode, type FlowContext, placeOf, within } from './flow-context.js';
import { breakPoints } from './hyphenation.js';
import { keptSoft, type Slice, slice } from './slices.js';
import { formRuleWidth, formWidths, isForm, writableRowHeight } from './table-form.js';
import { type SetLine, setParagraph, unbreakableSpans } from './text.js';
import type { Box, RectBox, StructNode } from './types.js';

/** Wide enough that no line of a cell breaks: its max-content width. */
const unbounded = 100_000;
const epsilon = 0.01;

/** A cell's text measured, with its widest word for the message when a table is too wide. */
interface MeasuredCell extends CellText {
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
  const texts = block.rows.map((row) =>
    row.map((cell, c) => cellText(cell, block, context, c === 0 && namesADose(row))),
  );
  const form = isForm(block);
  const widths =
    (form ? formWidths(texts, width, padX + epsilon, block.headerRows) : null) ??
    fitColumns(texts, width, block, context);
  const xs = columnLefts(widths, left);

  const table = addNode(context, 'Table');
  const head = block.headerRows > 0 ? addNode(within(context, table), 'THead') : null;
  const body = block.headerRows < block.rows.length ? addNode(within(context, table), 'TBody') : null;
  const header: Slice[] = [];
  const out: Slice[] = [];
  const rows = block.rows.map((row, r) => {
    const inHeader = r < block.headerRows;
    const tr = addNode(within(context, inHeader ? head : body), 'TR');
    return row.map((cell, c) => {
      const node = addNode(
        within(context, tr),
        cell.header ? 'TH' : 'TD',
        null,
        cell.header ? { scope: inHeader ? 'Column' : 'Row' } : {},
      );
      const style = styleOf(cell, block);
      const lines = setParagraph(
        cell.inlines,
        c === 0 && namesADose(row) ? { ...style, hyphenate: false } : style,
        (xs[c] as number) + padding.left,
        (widths[c] as number) - padX,
        context.text,
      );
      return { lines, node, id: node?.id ?? context.ids.node++ };
    });
  });
  // A form's body rows are all as tall as the tallest, and tall enough to write in.
  const bodyHeight = form
    ? Math.max(writableRowHeight, ...rows.slice(block.headerRows).map((cells) => rowHeight(cells, block)))
    : 0;
  rows.forEach((cells, r) => {
    const inHeader = r < block.headerRows;
    const bodyIndex = r - block.headerRows;
    const fill = inHeader ? block.headerFill : bodyIndex % 2 === 1 ? block.stripe : null;
    const last = r === block.rows.length - 1;
    const major = r === block.headerRows - 1 || last;
    const bands = rowBands(cells, block, {
      left,
      width,
      fill,
      // A form has a line under every row to write on, and lines between its columns.
      closing: major ? block.rule : form ? (block.rowRule ?? block.rule) : block.rowRule,
      thin: !major,
      height: inHeader ? 0 : bodyHeight,
      verticals: form ? [...xs, left + width] : [],
      verticalColor: block.rowRule ?? block.rule,
    });
    const bodyRows = block.rows.length - block.headerRows;
    // Never one body row alone under the header at a page's foot, or alone at the top of the next.
    const keepRow = inHeader
      ? !last
      : (bodyRows >= 2 && bodyIndex === 0) || (bodyRows >= 4 && bodyIndex === bodyRows - 2);
    bands.forEach((band, b) => {
      const lastBand = b === bands.length - 1;
      const placed = {
        ...band,
        spaceBefore: r === 0 && b === 0 ? block.spaceBefore : 0,
        // A row stays whole unless it is taller than a page; the header stays with the first body rows.
        keepWithNext: !lastBand || keepRow,
      };
      if (inHeader) header.push(placed);
      out.push(placed);
    });
  });
  const repeat = header.map(asRepeated);
  const bodyStart = header.length;
  const withHeader = out.map((s, i) => (i >= bodyStart && repeat.length > 0 ? { ...s, repeat } : s));
  return keptWholeWhenShort(withHeader, context.maxImageHeight);
}

/**
 * A short table (up to a third of a page, column or panel) is kept whole, as a short callout is: split in two
 * it reads badly, and balanced columns would otherwise spread a four-row table over three panels. A longer
 * one runs on with its header repeated: kept whole it would leave the rest of a column blank.
 */
function keptWholeWhenShort(slices: readonly Slice[], room: number): Slice[] {
  const height = slices.reduce((sum, s, i) => sum + s.height + (i > 0 ? s.spaceBefore : 0), 0);
  if (height > room / 3) return [...slices];
  // Kept whole unless that leaves a page too empty; then it breaks where its rows allow, header repeated.
  return slices.map((s, i) => (i < slices.length - 1 ? keptSoft(s) : s));
}

/** Where each column starts, left to right: the one place the table's column geometry is decided. */
function columnLefts(widths: readonly number[], left: number): number[] {
  return widths.map((_, i) => left + widths.slice(0, i).reduce((sum, w) => sum + w, 0));
}

/** A row's height as set: its tallest cell, with the padding. */
function rowHeight(cells: readonly CellLines[], block: TableSpec): number {
  const content = Math.max(0, ...cells.map((cell) => cell.lines.reduce((sum, line) => sum + line.height, 0)));
  return content + block.padding.top + block.padding.bottom;
}

function styleOf(cell: TableCellSpec, block: TableSpec): TextStyle {
  const base = cell.header ? block.headerStyle : block.style;
  return base.align === cell.align ? base : { ...base, align: cell.align };
}

/**
 * Max-content from the cell set on one unbounded line; its words (and the widest) from that line's glyphs,
 * each with its parts at the hyphenation points of its language, as the paragraph setter would break it.
 */
/** A dose in a cell: a number with a unit of mass, volume or activity ("500 mg", "1000 mg", "10 IE"). */
const dose = /\d\s?(?:mg|mcg|µg|μg|g|ml|mL|IU|IE|I\.E\.|units?|Einheiten|unidades|mmol)(?![\p{L}\p{N}])/u;

/**
 * A row that gives a dose: its first cell names the medicine, read whole (a reader checks it against the pack),
 * so that cell is never hyphenated; the column is given the name's width or the table is refused.
 */
function namesADose(row: readonly TableCellSpec[]): boolean {
  const text = (cell: TableCellSpec) => cell.inlines.map((i) => (i.kind === 'text' ? i.text : '')).join('');
  return row.slice(1).some((cell) => dose.test(text(cell)));
}

function cellText(cell: TableCellSpec, block: TableSpec, context: FlowContext, wholeWords = false): MeasuredCell {
  const style = { ...styleOf(cell, block), align: 'left' as const };
  const set = setParagraph(cell.inlines, style, 0, unbounded, context.text);
  const hyphen = hyphenWidth(style, context);
  let widest = '';
  let min = 0;
  let hyphenatedMin = 0;
  const lines = set.map((line) => {
    const words: CellWord[] = [];
    let word = 0;
    let space = 0;
    let text = '';
    let lang = context.text.lang;
    // The width before each character of the word, to measure its parts.
    let offsets: number[] = [0];
    const end = () => {
      if (text !== '' || word > 0) {
        const parts = wordParts(text, offsets, lang, word, !wholeWords);
        words.push({ width: word, space, parts, hyphen });
        // Half a point to spare: a part shaped with its hyphen may be kerned a little wider than measured here.
        const widestPart = Math.max(...parts.map((p, i) => p + (i < parts.length - 1 ? hyphen + 0.5 : 0)));
        hyphenatedMin = Math.max(hyphenatedMin, widestPart);
      }
      if (word > min) [min, widest] = [word, text];
      [word, space, text, offsets] = [0, 0, '', [0]];
    };
    // A dose, a reading, a phone number or an address is one word, as the paragraph setter keeps it.
    const full = line.boxes.map((box) => (box.kind === 'text' ? box.glyphs.map((g) => g.text).join('') : '')).join('');
    const whole = unbreakableSpans(full);
    const keptWhole = (at: number) => whole.some(([from, to]) => at > from && at < to);
    let at = 0;
    for (const box of line.boxes) {
      if (box.kind !== 'text') continue;
      for (const glyph of box.glyphs) {
        const advance = (glyph.advance * box.size) / 1000;
        at += glyph.text.length;
        // Only spaces, hyphens before a letter and Chinese or Japanese characters count as places to break
        // (as in UAX #14): a column narrower than what lies between them would have a word cut.
        if (glyph.text !== '' && glyph.text.trim() === '' && !keptWhole(at)) space += advance;
        else if (glyph.text.trim() === '' && glyph.text !== '') {
          word += advance + space;
          space = 0;
          text += glyph.text;
          for (let k = 0; k < glyph.text.length; k++) offsets.push(word);
        } else {
          const cjk = text !== '' && (breaksBeside(glyph.text.slice(0, 1)) || breaksBeside(text.slice(-1)));
          if (space > 0 || cjk || (/[-\u2010\u2013]$/.test(text) && /^\p{L}/u.test(glyph.text))) end();
          if (text === '') lang = box.lang ?? context.text.lang;
          word += advance;
          text += glyph.text;
          // A ligature's characters share its advance; the first carries it.
          for (let k = 0; k < glyph.text.length; k++) offsets.push(k === 0 ? word : (offsets.at(-1) as number));
        }
      }
    }
    end();
    return words;
  });
  const max = Math.max(0, ...set.map((line) => line.width));
  const lineHeight = style.size * leadingFor(style.leading, context.text.lang);
  return { lines, lineHeight, min, max, widest, hyphenatedMin };
}

/** A word's parts between the hyphenation points of its language (one part when it has none). */
function wordParts(text: string, offsets: readonly number[], lang: string, width: number, patterns: boolean): number[] {
  const points = breakPoints(text, lang, patterns);
  const edges = [0, ...points.map((p) => offsets[p] ?? width), width];
  return edges.slice(1).map((edge, i) => edge - (edges[i] as number));
}

/** The width of a hyphen in the cell's style. */
function hyphenWidth(style: TextStyle, context: FlowContext): number {
  const hyphen: SpecInline = { kind: 'text', text: '-', bold: false, italic: false, href: null, lang: null };
  return setParagraph([hyphen], style, 0, unbounded, context.text)[0]?.width ?? 0;
}

/**
 * Column widths within `width` (see column-widths.ts). When the longest words do not fit whole, words are
 * hyphenated with their language's patterns, as the cells are then set. A table whose word parts alone do not
 * fit is an error, placed at the table's line in the article; it is still set, with its columns in proportion.
 */
function fitColumns(
  texts: readonly (readonly MeasuredCell[])[],
  width: number,
  block: TableSpec,
  context: FlowContext,
): number[] {
  const columns = texts[0]?.length ?? 0;
  const padX = block.padding.left + block.padding.right + epsilon;
  const column = (c: number) => texts.map((row) => row[c] as MeasuredCell);
  const needs = (of: (t: MeasuredCell) => number) =>
    Array.from({ length: columns }, (_, c) => Math.max(...column(c).map(of)) + padX);
  const total = (values: readonly number[]) => values.reduce((a, m) => a + m, 0);
  if (total(needs((t) => t.min)) <= width + epsilon) return columnWidths(texts, width, padX, true);
  const min = needs((t) => t.hyphenatedMin);
  const needed = total(min);
  if (needed <= width + epsilon) return columnWidths(texts, width, padX, true);
  const widest = Array.from({ length: columns }, (_, c) => column(c).reduce((a, b) => (b.min > a.min ? b : a)).widest);
  context.placed.push({
    severity: 'error',
    code: 'table-too-wide',
    message: `the table is too wide: its ${columns} columns need at least ${Math.ceil(needed)} pt (the longest word of each, hyphenated where its language allows, with the cells' padding), but the column it is set in is ${Math.floor(width)} pt wide`,
    hint: `Shorten the longest words (${widest.map((w) => `"${w}"`).join(', ')}), use fewer columns, or write the rows as a list ("- **Morning:** 1 tablet"); a template with wider columns may fit it.`,
    ...placeOf(block, context),
  });
  return min.map((m) => (m * width) / needed);
}

interface CellLines {
  readonly lines: readonly SetLine[];
  readonly node: StructNode | null;
  readonly id: number;
  /** The cell's node, or a Span of it for a phrase in another language. */
}

interface RowLook {
  readonly left: number;
  readonly width: number;
  readonly fill: string | null;
  /** The line under the row (the header's, the table's last, or between rows), or null. */
  readonly closing: string | null;
  /** The closing line is a thin one between body rows. */
  readonly thin: boolean;
  /** The row's least height with its padding (a form's even, writable rows); 0: as tall as its content. */
  readonly height: number;
  /** Where lines between columns are drawn (a form's), and their colour. */
  readonly verticals: readonly number[];
  readonly verticalColor: string | null;
}

/**
 * A row as bands: one band when it can stay whole (the usual case), cut only at heights where every cell is
 * between two lines, so that a row taller than a page can still be split without cutting through a line.
 */
function rowBands(cells: readonly CellLines[], block: TableSpec, look: RowLook): Slice[] {
  const tops = cells.map((cell) => lineTops(cell.lines));
  const { padding } = block;
  const content = Math.max(look.height - padding.top - padding.bottom, ...tops.map((t) => t[t.length - 1] as number));
  const candidates = [...new Set(tops.flatMap((t) => t.slice(1, -1)))].sort((a, b) => a - b);
  const cuts = candidates.filter((y) =>
    tops.every((t) => y >= (t[t.length - 1] as number) - epsilon || t.some((top) => Math.abs(top - y) < epsilon)),
  );
  const edges = [0, ...cuts, content];
  // In a row made taller than its text (a form's), each cell's text is centred in it.
  const centre = cuts.length === 0 && look.height > 0;
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
        const cellTop = centre ? (content - (tops[c]?.at(-1) as number)) / 2 : 0;
        return line.boxes.map((box) => ({
          ...box,
          y: box.y + offset + lineTop - top + cellTop,
          block: cell.id,
          // A phrase in another language keeps its `lang`: render tags it as a Span of the cell.
          node: cell.node?.id ?? null,
        }));
      }),
    );
    const decoration: RectBox[] = [];
    if (look.fill) decoration.push(rect(look.left, 0, look.width, height, look.fill));
    if (look.verticalColor)
      for (const x of look.verticals) {
        const at = Math.min(Math.max(x - formRuleWidth / 2, look.left), look.left + look.width - formRuleWidth);
        decoration.push(rect(at, 0, formRuleWidth, height, look.verticalColor));
      }
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
    repeated: true,
    boxes: header.boxes.map((box) => (box.kind === 'text' ? { ...box, node: null, artifact: true } : box)),
  };
}
