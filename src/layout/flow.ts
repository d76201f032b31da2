import { underlineMetrics } from '../fonts/index.js';
import { qrModules } from '../shared/qr.js';
import type {
  BlockSpec,
  BoxSpec,
  IconSpec,
  ImageSpec,
  ListSpec,
  NoteSpec,
  ParagraphSpec,
  QrSpec,
  RowSpec,
  TextStyle,
} from '../spec/types.js';
import { addNode, type FlowContext, placeOf, within } from './flow-context.js';
import { iconShapes } from './icons.js';
import { referenceAnchor } from './note-links.js';
import { listNumber } from './numbering.js';
import { type Group, keptHard, type Slice, slice, stackSlices } from './slices.js';
import { flowTable } from './table.js';
import { setParagraph } from './text.js';
import type { Box, RectBox, StructRole, TextBox } from './types.js';

export type { FlowContext } from './flow-context.js';

/** Lay blocks out in a column [left, left + width) as slices for pagination. */
export function flowBlocks(blocks: readonly BlockSpec[], left: number, width: number, context: FlowContext): Slice[] {
  const out: Slice[] = [];
  // The spec stage refuses frames without room; this guard keeps a hand-made spec from setting a character per line.
  if (!(width > 0)) {
    const [first] = blocks;
    if (first)
      context.placed.push({
        severity: 'error',
        code: 'layout-no-room',
        message: `a container has no room for its content (${Math.round(width)} pt wide)`,
        ...placeOf(first, context),
      });
    return out;
  }
  let pendingSpace = 0;
  let afterHeading = false;
  const notes = blocks.some((block) => block.kind === 'note') ? noteColumns(blocks, context) : null;
  for (const block of blocks) {
    const place = placeOf(block, context);
    // Every slice knows the place its content came from: content that does not fit is reported there.
    const slices = flowBlock(block, left, width, context, notes).map((s) => (s.source ? s : { ...s, source: place }));
    const first = slices[0];
    if (first) {
      // Adjacent spacing collapses to the larger of the two, as designers expect from "space after/before".
      // After a heading, the first line keeps with the second too: a heading always has two lines below it.
      slices[0] = {
        ...first,
        spaceBefore: Math.max(pendingSpace, first.spaceBefore),
        keepWithNext: first.keepWithNext || afterHeading,
      };
      out.push(...slices);
    }
    pendingSpace = spaceAfter(block);
    afterHeading = block.kind === 'paragraph' && block.heading !== null;
  }
  return out;
}

function spaceAfter(block: BlockSpec): number {
  switch (block.kind) {
    case 'paragraph':
      return block.style.spaceAfter;
    case 'list':
    case 'image':
    case 'box':
    case 'rule':
    case 'row':
    case 'table':
    case 'note':
      return block.spaceAfter;
    case 'qr':
      return 8;
    default:
      return 0;
  }
}

function flowBlock(
  block: BlockSpec,
  left: number,
  width: number,
  context: FlowContext,
  notes: ReadonlyMap<BlockSpec, number> | null,
): Slice[] {
  switch (block.kind) {
    case 'paragraph':
      return flowParagraph(block, left, width, context);
    case 'list':
      return flowList(block, left, width, context);
    case 'image':
      return [flowImage(block, left, width, context)];
    case 'box':
      return flowBox(block, left, width, context);
    case 'spacer':
      return [slice(block.height, [])];
    case 'page-break':
      return [slice(0, [], { breakBefore: true })];
    case 'rule':
      return [
        slice(
          block.thickness,
          [
            {
              kind: 'rect',
              x: left,
              y: 0,
              width,
              height: block.thickness,
              fill: block.color,
              stroke: null,
              lineWidth: 0,
              radius: 0,
              node: null,
            },
          ],
          { spaceBefore: block.spaceBefore },
        ),
      ];
    case 'row':
      return [flowRow(block, left, width, context)];
    case 'qr':
      return [flowQr(block, left, width, context)];
    case 'table':
      return flowTable(block, left, width, context);
    case 'note':
      return flowNote(block, left, width, context, notes?.get(block) ?? block.indent);
    case 'icon':
      return [flowIcon(block, left, width)];
    case 'closing':
      // A closing anywhere but at the end of the body is just its first form.
      return flowBlocks(block.variants[0] ?? [], left, width, context);
  }
}

/** An icon is decoration: its meaning is in the words beside it. */
function flowIcon(block: IconSpec, left: number, width: number): Slice {
  const size = Math.min(block.size, width);
  const x = block.align === 'center' ? left + (width - size) / 2 : block.align === 'right' ? left + width - size : left;
  return slice(size, [{ kind: 'path', x, y: 0, size, shapes: iconShapes(block.name, block.color), node: null }]);
}

/** One slice per line. Headings keep with what follows; paragraphs leave no single line at a page's top or bottom. */
function flowParagraph(block: ParagraphSpec, left: number, width: number, context: FlowContext): Slice[] {
  const known = context.text.missing.size;
  // A paragraph in its own language (a clinic's name) is hyphenated with that language's patterns.
  const text = block.lang ? { ...context.text, lang: block.lang } : context.text;
  const lines = hangingLines(block, left, width, text);
  if (context.text.missing.size > known || (known > 0 && block.source)) placeMissingGlyphs(block, context);
  const count = lines.length;
  // A paragraph with nothing to read (a code block's blank line) takes its room but is no element of the tags.
  const empty = lines.every((line) => line.boxes.length === 0);
  const node = empty
    ? null
    : addNode(context, block.heading ? (`H${Math.min(6, block.heading)}` as StructRole) : 'P', null, {
        lang: block.lang,
      });
  const id = node?.id ?? context.ids.node++;
  // A paragraph that introduces what follows ("Call your doctor if:") stays with it.
  const leadIn = block.heading === null && /:\s*$/.test(lines.at(-1)?.boxes.at(-1)?.text ?? '');
  return lines.map((line, index) => {
    const last = index === count - 1;
    // A line ending in a hyphen never ends a page or column: the word's two halves stay in sight together.
    const hyphenated = !last && (line.boxes.at(-1)?.text.endsWith('\u00AD') ?? false);
    return slice(
      line.height,
      [
        // A phrase in another language keeps its box's `lang`: render tags it as a Span of this element.
        ...line.boxes.map((box) => ({
          ...box,
          block: id,
          heading: block.heading,
          node: node?.id ?? null,
          lang: box.lang === block.lang ? null : box.lang,
          // Page furniture (a footer's web address) is plain text: a link there would be outside the tags.
          href: node ? box.href : null,
        })),
        // A footnote's number (a link inside the document) is marked by being raised, not underlined.
        ...(node ? line.boxes.filter((box) => box.href && !box.href.startsWith('#')).map(underline) : []),
      ],
      {
        spaceBefore: index === 0 ? block.style.spaceBefore : 0,
        // Headings keep with what follows; otherwise no break after the first line or before the last.
        keepWithNext:
          block.heading !== null ||
          hyphenated ||
          (last && leadIn) ||
          (index < count - 1 && (index < 1 || index >= count - 2)),
        // A lead-in goes with what it introduces (a table's header and first rows) unless that leaves a hole.
        softKeep: last && leadIn && block.heading === null && !hyphenated,
      },
    );
  });
}

/** The paragraph's lines; with a hanging indent, all set `hang` further in and the first moved back out. */
function hangingLines(block: ParagraphSpec, left: number, width: number, text: FlowContext['text']) {
  const hang = Math.min(block.hang ?? 0, width / 2);
  const lines = setParagraph(block.inlines, block.style, left + hang, width - hang, text);
  if (hang === 0) return lines;
  return lines.map((line, index) =>
    index === 0 ? { ...line, boxes: line.boxes.map((box) => ({ ...box, x: box.x - hang })) } : line,
  );
}

/** A character no font has is reported where an author wrote it (the article line), else where it was first met. */
function placeMissingGlyphs(block: ParagraphSpec, context: FlowContext): void {
  const text = block.inlines.map((inline) => (inline.kind === 'text' ? inline.text : '')).join('');
  const authored = Boolean(block.source);
  for (const char of context.text.missing) {
    const known = context.glyphPlaces.get(char);
    if ((known && (known.authored || !authored)) || !text.includes(char)) continue;
    context.glyphPlaces.set(char, { place: placeOf(block, context), authored });
  }
}

/** The line under linked text: links look like links on paper too. */
function underline(box: TextBox): RectBox {
  const { position, thickness } = underlineMetrics(box.font);
  const height = Math.max(0.5, (thickness * box.size) / 1000);
  return {
    kind: 'rect',
    x: box.x,
    y: box.y - (position * box.size) / 1000 - height / 2,
    width: box.width,
    height,
    fill: box.color,
    stroke: null,
    lineWidth: 0,
    radius: 0,
    node: null,
  };
}

function flowList(block: ListSpec, left: number, width: number, context: FlowContext): Slice[] {
  const out: Slice[] = [];
  const list = addNode(context, 'L', null, { numbering: block.ordered ? 'Decimal' : 'Disc' });
  const labels = block.items.map((_, index) =>
    block.ordered ? listNumber(block.start + index, context.text.lang) : '•',
  );
  const style: TextStyle = { ...block.style, align: 'right', bold: block.ordered ? block.style.bold : false };
  // Every item's text starts at one column, wide enough for the list's widest number.
  const indent = labelColumn(labels, style, block.indent, context);
  block.items.forEach((item, index) => {
    const entry = addNode(within(context, list), 'LI');
    const label = addNode(within(context, entry), 'Lbl');
    const body = addNode(within(context, entry), 'LBody');
    const slices = flowBlocks(item, left + indent, width - indent, within(context, body));
    // An empty item keeps its line and its number, so the numbering a reader sees has no gap.
    const first = slices[0] ?? slice(0, []);
    const marker = markerBox(labels[index] as string, style, left, indent, first, within(context, null));
    const boxes = marker.boxes.map((box) => ({ ...box, node: label?.id ?? null }));
    slices[0] = {
      ...first,
      height: Math.max(first.height, marker.height),
      boxes: [...first.boxes, ...boxes],
      spaceBefore: index === 0 ? first.spaceBefore : 4,
    };
    // An item is kept whole when it can be; the last slice may break.
    for (let i = 0; i < slices.length - 1; i++) slices[i] = keptHard(slices[i] as Slice);
    out.push(...slices);
  });
  return out;
}

/**
 * A note: its label (the number) right-aligned in the indent beside its blocks, tagged as a Note with its id
 * (holding a Lbl and the blocks), with an anchor the references lead to. Kept whole when it fits. `indent`
 * is the label column shared by the notes printed together.
 */
function flowNote(block: NoteSpec, left: number, width: number, context: FlowContext, indent: number): Slice[] {
  const note = addNode(context, 'Note', null, { elementId: block.id });
  const label = addNode(within(context, note), 'Lbl');
  const slices = flowBlocks(block.children, left + indent, width - indent, within(context, note));
  const first = slices[0];
  if (!first) return [];
  const marker = markerBox(
    block.label,
    { ...block.style, align: 'right' },
    left,
    indent,
    first,
    within(context, null),
    // The number leads back to the note's reference (see note-links.ts).
  ).boxes.map((box) => ({ ...box, node: label?.id ?? null, href: `#${referenceAnchor(block.id)}` }));
  const anchor: Box = { kind: 'anchor', x: left, y: 0, name: block.id, node: null };
  slices[0] = { ...first, boxes: [anchor, ...first.boxes, ...marker] };
  for (let i = 0; i < slices.length - 1; i++) slices[i] = keptHard(slices[i] as Slice);
  return slices;
}

/** The label column of notes printed one after another: the widest label of the run sets it for all. */
function noteColumns(blocks: readonly BlockSpec[], context: FlowContext): Map<BlockSpec, number> {
  const columns = new Map<BlockSpec, number>();
  let run: NoteSpec[] = [];
  const close = () => {
    const [first] = run;
    if (first) {
      const style: TextStyle = { ...first.style, align: 'right' };
      const indent = labelColumn(
        run.map((note) => note.label),
        style,
        Math.max(...run.map((note) => note.indent)),
        context,
      );
      for (const note of run) columns.set(note, indent);
    }
    run = [];
  };
  for (const block of blocks) {
    if (block.kind === 'note') run.push(block);
    else close();
  }
  close();
  return columns;
}

/** The room between a label and the text it labels. */
const labelGap = (style: TextStyle) => style.size * 0.5;

/** A label column at least `indent` wide that holds the widest of the labels whole, with the gap after it. */
function labelColumn(labels: readonly string[], style: TextStyle, indent: number, context: FlowContext): number {
  const widest = Math.max(
    0,
    ...[...new Set(labels)].map((label) => labelLine(label, style, 0, 1e6, context)?.width ?? 0),
  );
  return Math.max(indent, widest + labelGap(style));
}

/** A label set on one line (never broken: a number is printed whole). */
function labelLine(label: string, style: TextStyle, left: number, width: number, context: FlowContext) {
  const [line] = setParagraph(
    [{ kind: 'text', text: label, bold: style.bold, italic: false, href: null, lang: null }],
    style,
    left,
    width,
    context.text,
  );
  return line;
}

/**
 * A list's bullet or number, or a note's label: right-aligned in the label column [left, left + indent) on
 * the baseline of the first line. The one place label geometry is decided; `height` is the label's own line.
 */
function markerBox(
  label: string,
  style: TextStyle,
  left: number,
  indent: number,
  first: Slice,
  context: FlowContext,
): { boxes: Box[]; height: number } {
  const firstText = first.boxes.find((b) => b.kind === 'text');
  const line = labelLine(label, style, left, indent - labelGap(style), context);
  if (!line) return { boxes: [], height: 0 };
  const baseline = firstText ? firstText.y : line.baseline;
  const block = firstText?.kind === 'text' ? firstText.block : context.ids.node++;
  return { boxes: line.boxes.map((box) => ({ ...box, y: baseline, block })), height: line.height };
}

function flowImage(block: ImageSpec, left: number, width: number, context: FlowContext): Slice {
  const info = context.images.get(block.src);
  const name = block.src.split(/[\\/]/).pop();
  if (block.alt.trim() === '' && !block.decorative && context.parent) {
    context.placed.push({
      severity: 'error',
      code: 'alt-missing',
      message: `image ${name} has no alt text`,
      ...placeOf(block, context),
      hint: 'Describe the picture (alt="..."), or mark it decorative="true".',
    });
  }
  if (!info) {
    context.placed.push({
      severity: 'error',
      code: 'image-missing',
      message: `image ${block.src} was not loaded`,
      ...placeOf(block, context),
    });
    return slice(0, []);
  }
  const figure = block.decorative ? null : addNode(context, 'Figure', block.alt.trim() || null, { lang: block.lang });
  // Without a size, an image is shown at 96 dpi; it never grows past the column or the page.
  let w = block.width ?? (block.height ? (block.height * info.width) / info.height : info.width * 0.75);
  let h = block.height ?? (w * info.height) / info.width;
  if (block.width && block.height) [w, h] = [block.width, block.height];
  const scale = Math.min(1, width / w, context.maxImageHeight / h);
  w *= scale;
  h *= scale;
  const x = block.align === 'center' ? left + (width - w) / 2 : block.align === 'right' ? left + width - w : left;
  return slice(h, [
    { kind: 'image', x, y: 0, width: w, height: h, src: block.src, alt: block.alt, node: figure?.id ?? null },
  ]);
}

function flowBox(block: BoxSpec, left: number, width: number, context: FlowContext): Slice[] {
  const group: Group = {
    id: context.ids.group++,
    x: left,
    width,
    fill: block.fill,
    border: block.border,
    borderWidth: block.borderWidth,
    borderLeftOnly: block.borderLeftOnly,
    radius: block.radius,
  };
  const { padding } = block;
  const container = block.role ? addNode(context, block.role) : context.parent;
  const inner = flowBlocks(
    block.children,
    left + padding.left,
    width - padding.left - padding.right,
    within(context, container),
  );
  const first = inner[0];
  if (first) inner[0] = { ...first, spaceBefore: 0 };
  const all = [
    slice(padding.top, [], { spaceBefore: block.spaceBefore, keepWithNext: true }),
    ...inner,
    slice(padding.bottom, []),
  ];
  // A box taller than a third of a page is not held together (moving it whole would leave a page a third
  // empty), unless it must be read whole, as the urgent-care alert must.
  const height = all.reduce((sum, s, i) => sum + s.height + (i > 0 ? s.spaceBefore : 0), 0);
  const always = block.keepTogether === 'always';
  const together = always || (block.keepTogether === 'short' && height <= context.maxImageHeight / 3);
  return all.map((s, index) => {
    // Padding strips always stay with the content they pad; keep-together holds every other break too.
    const hard = always || index === 0 || index === all.length - 2 || (s.keepWithNext && !s.softKeep);
    const keepWithNext = index < all.length - 1 && (hard || together || s.keepWithNext);
    // A short box kept whole yields before it leaves a page too empty; the urgent-care alert never does.
    return { ...s, groups: [group, ...s.groups], keepWithNext, softKeep: keepWithNext && !hard };
  });
}

/** Cells side by side; a row never breaks across pages. */
function flowRow(block: RowSpec, left: number, width: number, context: FlowContext): Slice {
  const gaps = block.gap * Math.max(0, block.cells.length - 1);
  const fixed = block.cells.reduce((sum, c) => {
    if (!c.width) return sum;
    return sum + ('points' in c.width ? c.width.points : c.width.fraction * (width - gaps));
  }, 0);
  const flexible = block.cells.filter((c) => !c.width).length;
  const share = flexible > 0 ? Math.max(0, width - gaps - fixed) / flexible : 0;
  let x = left;
  const cells = block.cells.map((cell) => {
    const w = !cell.width ? share : 'points' in cell.width ? cell.width.points : cell.width.fraction * (width - gaps);
    const stacked = stackSlices(flowBlocks(cell.children, x, w, context), 0);
    x += w + block.gap;
    return { cell, ...stacked };
  });
  // Top-aligned cells that start with text share their first baseline (a footer's 11.5 pt address beside
  // its 14 pt page number reads as one line), as a designer aligns type across columns.
  const firstBaseline = (boxes: readonly Box[]) => {
    const first = boxes.find((b) => b.kind === 'text');
    return first && first.kind === 'text' && first.y <= Math.min(...boxes.map(topOf)) + first.size ? first.y : null;
  };
  const baselines = cells.map((c) => (c.cell.valign === 'top' ? firstBaseline(c.boxes) : null));
  const target = Math.max(0, ...baselines.map((b) => b ?? 0));
  const lowered = cells.map((c, i) => ({ ...c, shift: target - (baselines[i] ?? target) }));
  const height = Math.max(0, ...lowered.map((c) => c.bottom + c.shift));
  const boxes = lowered.flatMap(({ cell, boxes: cellBoxes, bottom, shift }) => {
    const offset =
      cell.valign === 'center' ? (height - bottom) / 2 : cell.valign === 'bottom' ? height - bottom : shift;
    return cellBoxes.map((b) => ({ ...b, y: b.y + offset }));
  });
  return slice(height, boxes);
}

/** The top of a box: a text box's y is its baseline, about its size below its top. */
function topOf(box: Box): number {
  return box.kind === 'text' ? box.y - box.size : 'y' in box ? box.y : 0;
}

function flowQr(block: QrSpec, left: number, width: number, context: FlowContext): Slice {
  const code = qrModules(block.data);
  // The spec stage refuses text too long for a code; this is only a guard.
  if (!code) throw new Error(`QR code text of ${block.data.length} characters was not refused by the spec stage`);
  const figure = addNode(context, 'Figure', block.alt, { lang: block.lang });
  const size = Math.min(block.size, width);
  const x = block.align === 'center' ? left + (width - size) / 2 : block.align === 'right' ? left + width - size : left;
  return slice(size, [
    {
      kind: 'qr',
      x,
      y: 0,
      size,
      modules: code.size,
      dark: code.dark,
      color: block.color,
      alt: block.alt,
      node: figure?.id ?? null,
    },
  ]);
}
