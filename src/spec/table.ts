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
    const cells = tools.elements(tr).flatMap((cell): TableCellSpec[] => {
      if (cell.name !== 'th' && cell.name !== 'td') {
        tools.unexpected(cell, 'tr (cells are <th> and <td>)');
        return [];
      }
      const align = (tools.attributes(cell, cell.name) as { align?: TableCellSpec['align'] }).align ?? 'left';
      const header = cell.name === 'th';
      const cellStyle = header ? headerStyle : style;
      return [{ header, align, inlines: tools.inlines(cell, cellStyle) }];
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
          })),
        ]
      : row,
  );
  const headerRows = filled.findIndex((row) => !row.every((cell) => cell.header));
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
    rows: filled,
  };
}
