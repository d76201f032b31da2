import type { ElementName } from './elements.js';
import type { SpecInline, TableCellSpec, TableSpec, TextStyle } from './types.js';
import type { XmlElement } from './xml.js';

/** What reading a table needs from the spec reader: attributes, styles, inline content and error reporting. */
export interface SpecTools {
  attributes(el: XmlElement, name: ElementName): Record<string, unknown>;
  style(el: XmlElement, name: string): TextStyle;
  inlines(el: XmlElement, style: TextStyle): SpecInline[];
  elements(parent: XmlElement): XmlElement[];
  unexpected(el: XmlElement, where: string): void;
  fail(el: XmlElement, message: string, hint?: string): undefined;
}

/** A cell as read, marked when its alignment was written (and so is kept). */
type ReadCell = TableCellSpec & { readonly aligned: boolean };

interface TableAttributes {
  line?: number;
  style?: string;
  'header-style'?: string;
  padding?: TableSpec['padding'];
  'header-fill'?: string;
  stripe?: string;
  rule?: string;
  'rule-width'?: number;
  'row-rule'?: string;
  'space-before'?: number;
  'space-after'?: number;
}

/**
 * `<table>` of `<tr>` rows of `<th>`/`<td>` cells holding inline content. Leading rows of `<th>` only are the
 * header; a short row is filled with empty cells.
 */
export function readTable(el: XmlElement, tools: SpecTools): TableSpec {
  const a = tools.attributes(el, 'table') as TableAttributes;
  const style = tools.style(el, a.style ?? 'body');
  const headerStyle = a['header-style']
    ? tools.style(el, a['header-style'])
    : { ...style, name: `${style.name} (header)`, bold: true };
  const rows = tools.elements(el).flatMap((tr) => {
    if (tr.name !== 'tr') {
      tools.unexpected(tr, 'table (rows are <tr>)');
      return [];
    }
    tools.attributes(tr, 'tr');
    const cells = tools.elements(tr).flatMap((cell): ReadCell[] => {
      if (cell.name !== 'th' && cell.name !== 'td') {
        tools.unexpected(cell, 'tr (cells are <th> and <td>)');
        return [];
      }
      const given = (tools.attributes(cell, cell.name) as { align?: TableCellSpec['align'] }).align;
      const header = cell.name === 'th';
      const cellStyle = header ? headerStyle : style;
      return [
        { header, align: given ?? 'left', inlines: tools.inlines(cell, cellStyle), aligned: given !== undefined },
      ];
    });
    if (cells.length === 0) tools.fail(tr, '<tr> has no cells', 'Put a <td> or <th> in every row.');
    return cells.length > 0 ? [cells] : [];
  });
  if (rows.length === 0) tools.fail(el, '<table> has no rows');
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const filled = rows.map((row) =>
    row.length < columns
      ? [
          ...row,
          ...Array.from({ length: columns - row.length }, () => ({
            header: false,
            align: 'left' as const,
            inlines: [],
            aligned: true, // a filler cell holds nothing to align
          })),
        ]
      : row,
  );
  const headerRows = filled.findIndex((row) => !row.every((cell) => cell.header));
  const aligned = numbersRight(filled, headerRows < 0 ? filled.length : headerRows);
  return {
    kind: 'table',
    line: el.line,
    style,
    headerStyle,
    // By default the padding follows the type size, so large print gets roomier cells.
    padding: a.padding ?? {
      top: style.size * 0.3,
      right: style.size * 0.5,
      bottom: style.size * 0.3,
      left: style.size * 0.5,
    },
    headerFill: a['header-fill'] ?? null,
    stripe: a.stripe ?? null,
    rule: a.rule ?? null,
    ruleWidth: a['rule-width'] ?? 0.75,
    rowRule: a['row-rule'] ?? null,
    spaceBefore: a['space-before'] ?? 6,
    spaceAfter: a['space-after'] ?? 12,
    headerRows: headerRows < 0 ? filled.length : headerRows,
    rows: aligned,
  };
}

/** A number, a range or a reading ("12", "2.5", "8–12", "120/80"), with at most a short unit ("mg", "%"). */
const numeric =
  /^[-+\u2212]?\d[\d.,\u00A0\u202F]*(?:\s?[-\u2013/\u00D7x]\s?\d[\d.,]*)?(?:\s?(?:%|[\p{L}\u00B5]{1,3}))?$/u;

const cellString = (cell: TableCellSpec) =>
  cell.inlines
    .map((i) => (i.kind === 'text' ? i.text : ''))
    .join('')
    .trim();

/**
 * A column whose body cells all hold numbers (some may be empty) is right-aligned, its header too, so that
 * the digits line up: unless the author chose an alignment for the cell. The cells lose the `aligned` mark.
 */
function numbersRight(rows: readonly (readonly ReadCell[])[], headerRows: number): TableCellSpec[][] {
  const body = rows.slice(headerRows);
  const columns = rows[0]?.length ?? 0;
  const right = Array.from({ length: columns }, (_, c) => {
    const texts = body.map((row) => (row[c] ? cellString(row[c]) : '')).filter((t) => t !== '');
    return texts.length > 0 && texts.every((t) => numeric.test(t));
  });
  return rows.map((row) =>
    row.map(({ aligned, ...cell }, c) => (right[c] && !aligned ? { ...cell, align: 'right' as const } : cell)),
  );
}
