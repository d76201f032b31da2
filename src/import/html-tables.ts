import type { Element, ElementContent } from 'hast';
import { HandoutError } from '../errors.js';
import { limits } from '../shared/limits.js';

/** Columns a handout table may get from its spans: wider than any page or panel of a handout can set. */
export const maxSpannedColumns = 12;
/** What HTML (and every browser) clamps spans to. */
const htmlMaxColspan = 1000;
const htmlMaxRowspan = 65534;
/** The fewest bytes a Markdown table cell takes ("| x "), to tell early that an article would be too large. */
const bytesPerCell = 3;

/**
 * Spans become empty cells before the page is converted, as browsers lay them out, but no table grows wider
 * than `maxSpannedColumns` through its spans (a cell's own words are always kept, with a warning when a row
 * holds more cells than that). Rows without cells are left out: they hold no words. Work and output stay in
 * proportion to the page: a 147 KB page once made a 24 MB article from colspan=1000 and rowspan=65534.
 */
export function boundTables(content: Element, file: string, warnings: string[]): void {
  let cells = 0;
  for (const table of outerTables(content)) {
    const rows = withoutEmptyRows(table);
    const clipped = spreadSpans(rows);
    const where = table.position ? `line ${table.position.start.line}: ` : '';
    const widest = rows.reduce((most, row) => Math.max(most, cellsOf(row).length), 0);
    if (clipped)
      warnings.push(
        `${where}the table's spans (${clipped}) would make it wider than ${maxSpannedColumns} columns; its spans are written as empty cells up to column ${maxSpannedColumns} only`,
      );
    if (widest > maxSpannedColumns)
      warnings.push(
        `${where}a row of the table has ${widest} cells; a handout page fits about ${maxSpannedColumns} columns at most: handout check says whether it fits`,
      );
    cells += widest * rows.filter((row) => cellsOf(row).length > 0).length;
    if (cells * bytesPerCell > limits.articleBytes) {
      throw new HandoutError({
        code: 'too-large',
        message: `the page's tables would make an article of more than ${limits.articleBytes / 1024 / 1024} MB (${cells.toLocaleString('en-US')} cells), over the article size limit`,
        file,
        line: table.position?.start.line,
        column: table.position?.start.column,
        hint: 'Import the text around the table, and write the table by hand (or split the page into several articles).',
      });
    }
  }
}

/** Tables not inside another table (a nested table becomes its cell's text). */
function outerTables(root: Element): Element[] {
  const found: Element[] = [];
  const visit = (node: Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'table') found.push(child);
      else visit(child);
    }
  };
  visit(root);
  return found;
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'tr') rows.push(child);
    else if (['thead', 'tbody', 'tfoot'].includes(child.tagName))
      for (const row of child.children) if (row.type === 'element' && row.tagName === 'tr') rows.push(row);
  }
  return rows;
}

/** The table's rows; a row without cells holds no words (the converter would pad it to the table's width). */
function withoutEmptyRows(table: Element): Element[] {
  const rows = rowsOf(table);
  const empty = new Set(rows.filter((row) => cellsOf(row).length === 0));
  if (empty.size === 0) return rows;
  const keep = (node: Element) => {
    node.children = node.children.filter((child) => !empty.has(child as Element));
  };
  keep(table);
  for (const child of table.children) if (child.type === 'element') keep(child);
  return rows.filter((row) => !empty.has(row));
}

function cellsOf(row: Element): Element[] {
  return row.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'));
}

/** A whole number from an attribute, clamped as HTML clamps it (a missing or bad value is `fallback`). */
function spanOf(value: unknown, fallback: number, min: number, max: number): number {
  const n = Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/**
 * Writes every span as empty cells in place (a column covered from a row above, or the rest of a colspan),
 * within the first `maxSpannedColumns` columns, and removes the span attributes. Returns the spans that were
 * cut short ("colspan=1000"), or "" when none was.
 */
function spreadSpans(rows: readonly Element[]): string {
  /** For each column, the first row no longer covered by a rowspan from above. */
  const coveredUntil: number[] = Array.from({ length: maxSpannedColumns }, () => 0);
  const clipped = new Set<string>();
  rows.forEach((row, r) => {
    const children: ElementContent[] = [];
    let column = 0;
    const fillCovered = (upTo: number) => {
      while (column < upTo && (coveredUntil[column] as number) > r) {
        children.push(emptyCell());
        column++;
      }
    };
    for (const child of row.children) {
      if (child.type !== 'element' || (child.tagName !== 'td' && child.tagName !== 'th')) {
        children.push(child);
        continue;
      }
      fillCovered(maxSpannedColumns);
      const across = spanOf(child.properties.colSpan, 1, 1, htmlMaxColspan);
      const rowspan = spanOf(child.properties.rowSpan, 1, 0, htmlMaxRowspan);
      const down = rowspan === 0 ? rows.length - r : Math.min(rowspan, rows.length - r);
      delete child.properties.colSpan;
      delete child.properties.rowSpan;
      children.push(child);
      if (column + across > maxSpannedColumns)
        clipped.add(column >= maxSpannedColumns && down > 1 ? `rowspan=${rowspan}` : `colspan=${across}`);
      const kept = Math.max(1, Math.min(across, maxSpannedColumns - column));
      for (let k = 0; k < kept && column + k < maxSpannedColumns; k++) {
        coveredUntil[column + k] = Math.max(coveredUntil[column + k] as number, r + down);
        if (k > 0) children.push(emptyCell());
      }
      column += kept;
    }
    // Columns covered from above after the row's last cell.
    fillCovered(coveredUntil.reduce((last, until, c) => (until > r ? c + 1 : last), 0));
    row.children = children;
  });
  return [...clipped].join(', ');
}

function emptyCell(): Element {
  return { type: 'element', tagName: 'td', properties: {}, children: [] };
}
