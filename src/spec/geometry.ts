import type { BlockSpec, Edges, LayoutSpec, RegionSpec } from './types.js';

/** A geometry mistake at a spec line: a frame with no room left, or something taller than the page. */
export interface GeometryProblem {
  readonly line: number;
  readonly message: string;
}

/** Spec lines of the elements that set the page's geometry (they are not kept in the typed tree). */
export interface GeometryLines {
  readonly document: number;
  readonly columns: number | null;
}

const round = (points: number) => Math.round(points * 10) / 10;

/**
 * Every frame the layout will fill must have room: positive width after margins, column gaps, padding,
 * list indents and row cells, and positive height after headers, footers and padding. Checked here, with
 * the element at fault, so that layout never meets a zero or negative frame (which made it loop).
 */
export function geometryProblems(spec: LayoutSpec, lines: GeometryLines): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  const add = (line: number, message: string) => problems.push({ line, message });
  const { page } = spec;
  for (const region of spec.regions) {
    const inner = page.width - region.padding.left - region.padding.right;
    if (inner <= 0)
      add(region.line, `the <${region.kind}>'s padding leaves no room across the page (${round(inner)} pt)`);
    else blockProblems(region.children, inner, Number.POSITIVE_INFINITY, add);
  }
  const body = spec.fixedPages.length > 0 ? panelRoom(spec, add) : columnRoom(spec, lines, add);
  if (body) blockProblems(spec.body, body.width, body.height, add);
  return problems;
}

/** The body's width and the smallest body height on flowing pages, or null when there is none. */
function columnRoom(
  spec: LayoutSpec,
  lines: GeometryLines,
  add: (line: number, message: string) => void,
): { width: number; height: number } | null {
  const { page, columns } = spec;
  const across = page.width - page.margin.left - page.margin.right;
  if (across <= 0) {
    add(lines.document, `the left and right margins leave no room across the page (${round(across)} pt)`);
    return null;
  }
  const width = (across - columns.gap * (columns.count - 1)) / columns.count;
  if (width <= 0) {
    add(
      lines.columns ?? lines.document,
      `${columns.count} columns with a ${round(columns.gap)} pt gap leave no room in the ${round(across)} pt between the margins`,
    );
    return null;
  }
  let height = Number.POSITIVE_INFINITY;
  for (const pageIndex of [0, 1]) {
    const on = (kind: RegionSpec['kind']) =>
      spec.regions.filter((r) => r.kind === kind && (r.pages === 'all' || (r.pages === 'first') === (pageIndex === 0)));
    const headers = on('header');
    const footers = on('footer');
    // A region as tall as its content ("auto") is measured by layout, which checks the room again.
    const top = Math.max(page.margin.top, ...headers.map((r) => (r.height ?? 0) + r.gap));
    const bottom = Math.max(page.margin.bottom, ...footers.map((r) => (r.height ?? 0) + r.gap));
    const room = page.height - top - bottom;
    if (room <= 0) {
      const tallest = [...headers, ...footers].sort((a, b) => (b.height ?? 0) + b.gap - ((a.height ?? 0) + a.gap))[0];
      const what = tallest
        ? `the <${tallest.kind}> (${round((tallest.height ?? 0) + tallest.gap)} pt with its gap)`
        : 'the margins';
      add(
        tallest?.line ?? lines.document,
        `${what} leave${tallest ? 's' : ''} no room for the body on ${pageIndex === 0 ? 'the first page' : 'later pages'} (${round(room)} pt of a ${round(page.height)} pt page)`,
      );
      return null;
    }
    height = Math.min(height, room);
  }
  return { width, height };
}

function panelRoom(
  spec: LayoutSpec,
  add: (line: number, message: string) => void,
): { width: number; height: number } | null {
  let width = Number.POSITIVE_INFINITY;
  let height = Number.POSITIVE_INFINITY;
  let ok = true;
  for (const panel of spec.fixedPages.flatMap((p) => p.panels)) {
    const inner = innerSize(panel.width, panel.height, panel.padding);
    if (inner.width <= 0 || inner.height <= 0) {
      add(
        panel.line,
        `the "${panel.name}" panel has no room inside its padding (${round(inner.width)} × ${round(inner.height)} pt)`,
      );
      ok = false;
      continue;
    }
    if (panel.flow === null) blockProblems(panel.children, inner.width, inner.height, add);
    else {
      width = Math.min(width, inner.width);
      height = Math.min(height, inner.height);
    }
  }
  return ok && Number.isFinite(width) ? { width, height } : null;
}

function innerSize(width: number, height: number, padding: Edges): { width: number; height: number } {
  return { width: width - padding.left - padding.right, height: height - padding.top - padding.bottom };
}

/** Walk blocks with the width they get; each container must leave its content some room. */
function blockProblems(
  blocks: readonly BlockSpec[],
  width: number,
  height: number,
  add: (line: number, message: string) => void,
): void {
  const tooTall = (line: number, what: string, size: number) => {
    if (size > height) add(line, `${what} (${round(size)} pt) is taller than the page's body (${round(height)} pt)`);
  };
  for (const block of blocks) {
    switch (block.kind) {
      case 'list': {
        const inner = width - block.indent;
        if (inner <= 0)
          add(block.line, `the list indent (${round(block.indent)} pt) leaves no room in ${round(width)} pt`);
        else for (const item of block.items) blockProblems(item, inner, height, add);
        break;
      }
      case 'box': {
        const inner = width - block.padding.left - block.padding.right;
        tooTall(block.line, "the box's padding", block.padding.top + block.padding.bottom);
        if (inner <= 0) add(block.line, `the box's padding leaves no room in ${round(width)} pt`);
        else blockProblems(block.children, inner, height, add);
        break;
      }
      case 'row':
        rowProblems(block, width, height, add);
        break;
      case 'note': {
        const inner = width - block.indent;
        if (inner <= 0)
          add(block.line, `the note indent (${round(block.indent)} pt) leaves no room in ${round(width)} pt`);
        else blockProblems(block.children, inner, height, add);
        break;
      }
      case 'table': {
        const columns = block.rows[0]?.length ?? 0;
        const across = columns * (block.padding.left + block.padding.right);
        tooTall(block.line, "the table cells' padding", block.padding.top + block.padding.bottom);
        if (across >= width)
          add(
            block.line,
            `the table's cell padding (${round(across)} pt over ${columns} columns) leaves no room in ${round(width)} pt`,
          );
        break;
      }
      case 'spacer':
        tooTall(block.line, 'the spacer', block.height);
        break;
      case 'rule':
        tooTall(block.line, 'the rule', block.thickness);
        break;
      default:
        break;
    }
  }
}

function rowProblems(
  row: Extract<BlockSpec, { kind: 'row' }>,
  width: number,
  height: number,
  add: (line: number, message: string) => void,
): void {
  const shared = width - row.gap * Math.max(0, row.cells.length - 1);
  const widthOf = (cell: (typeof row.cells)[number]) =>
    !cell.width ? null : 'points' in cell.width ? cell.width.points : cell.width.fraction * shared;
  const fixed = row.cells.reduce((sum, cell) => sum + (widthOf(cell) ?? 0), 0);
  const flexible = row.cells.filter((cell) => !cell.width).length;
  if (shared <= 0 || fixed > shared + 0.5 || (flexible > 0 && shared - fixed <= 0)) {
    add(row.line, `the row's cells and gaps need more than the ${round(width)} pt there is`);
    return;
  }
  for (const cell of row.cells) blockProblems(cell.children, widthOf(cell) ?? (shared - fixed) / flexible, height, add);
}
