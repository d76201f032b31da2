import { dirname, resolve } from 'node:path';
import type { BlockContent, DefinitionContent, PhrasingContent, RootContent, Table } from 'mdast';
import { type DiagnosticCode, HandoutError, type Problem } from '../errors.js';
import { isWithin, realOrSelf, resolveConfined } from '../shared/confined-read.js';
import { limits } from '../shared/limits.js';
import type { FootnoteState } from './footnotes.js';
import { convertInlines, plain } from './inlines.js';
import { htmlProblem, htmlUse } from './raw-html.js';
import type { Block, CellAlign, Inline, TableRow } from './types.js';

/** The heading levels a handout uses: the title is level 1, the article's sections ## and ###. */
const deepestHeading = 3;

export interface ConvertContext {
  readonly file: string;
  /** Images must lie inside this folder. */
  readonly root: string;
  /** Whether each image file must be there (an article read from disk; not text being imported). */
  readonly checkFiles: boolean;
  readonly depth: number;
  /** Every problem found, so an article's mistakes are all reported at once. */
  readonly problems: Problem[];
  /** Footnote numbers and definitions: the notes are printed together at the end, not where they are written. */
  readonly footnotes: FootnoteState;
}

/** mdast block nodes → the Article's typed blocks; anything the layout cannot show is an error with its line. */
export function convertBlocks(
  nodes: readonly (RootContent | BlockContent | DefinitionContent)[],
  context: ConvertContext,
): Block[] {
  const { file } = context;
  const blocks: Block[] = [];
  const nested = { ...context, depth: context.depth + 1 };
  for (const node of nodes) {
    const line = node.position?.start.line ?? 1;
    if ((node.type === 'list' || node.type === 'blockquote') && nested.depth > limits.nesting) {
      context.problems.push({
        severity: 'error',
        code: 'too-deep',
        message: `lists and quotes are nested more than ${limits.nesting} deep`,
        file,
        line,
        column: node.position?.start.column,
        hint: 'Flatten the list: patients follow two levels at most.',
      });
      continue;
    }
    switch (node.type) {
      case 'heading':
        if (node.depth > deepestHeading) context.problems.push(tooDeepHeading(node.depth, file, line));
        blocks.push({
          type: 'heading',
          level: Math.min(node.depth, deepestHeading),
          inlines: convertInlines(node.children, plain, context),
          line,
        });
        break;
      case 'paragraph':
        blocks.push(...splitOutImages(node.children, context, line));
        break;
      case 'list':
        blocks.push({
          type: 'list',
          ordered: node.ordered === true,
          start: node.start ?? 1,
          items: node.children.map((item) => ({ blocks: convertBlocks(item.children, nested) })),
          line,
        });
        break;
      case 'blockquote':
        blocks.push(calloutOrQuote(node.children, nested, line));
        break;
      case 'thematicBreak':
        blocks.push({ type: 'rule', line });
        break;
      case 'code':
        blocks.push({ type: 'paragraph', inlines: [{ type: 'text', text: node.value, ...plain, line }], line });
        break;
      case 'definition':
        break;
      case 'html':
        if (htmlUse(node.value) !== 'comment')
          context.problems.push(htmlProblem(node.value, { file, line, column: node.position?.start.column }, false));
        break;
      case 'table':
        blocks.push(convertTable(node, context, line));
        break;
      case 'footnoteDefinition':
        context.footnotes.definitions.push({
          identifier: node.identifier,
          label: node.label ?? node.identifier,
          blocks: convertBlocks(node.children, nested),
          line,
          column: node.position?.start.column,
        });
        break;
      default:
        context.problems.push({
          severity: 'error',
          code: 'unsupported-markdown',
          message: `Markdown "${node.type}" is not supported in articles`,
          file,
          line,
          column: node.position?.start.column,
        });
    }
  }
  return blocks;
}

function tooDeepHeading(depth: number, file: string, line: number): Problem {
  return {
    severity: 'error',
    code: 'heading-depth',
    message: `a level-${depth} heading (${'#'.repeat(depth)}) is deeper than a handout goes`,
    file,
    line,
    column: 1,
    hint: 'Use ## for sections and ### inside them; below that, a short paragraph starting in **bold** reads better.',
  };
}

/**
 * A GFM table: the header's cells set the columns. A short row gets empty cells (as GFM says); a row with
 * more cells than the header is an error, since GFM would drop the extra words.
 */
function convertTable(node: Table, context: ConvertContext, line: number): Block {
  const [head, ...body] = node.children;
  const columns = head?.children.length ?? 0;
  const align: CellAlign[] = Array.from({ length: columns }, (_, i) => node.align?.[i] ?? null);
  const row = (tableRow: Table['children'][number]): TableRow => {
    const rowLine = tableRow.position?.start.line ?? line;
    if (tableRow.children.length > columns) {
      context.problems.push({
        severity: 'error',
        code: 'table-cells',
        message: `this row has ${tableRow.children.length} cells, but the table's header has ${columns}: the extra cells would be lost`,
        file: context.file,
        line: rowLine,
        column: tableRow.children[columns]?.position?.start.column,
        hint: 'Give the header a cell for every column, or join the extra cells with the one before.',
      });
    }
    const cells = align.map((cellAlign, i) => {
      const cell = tableRow.children[i];
      return { inlines: cell ? trimInlines(convertInlines(cell.children, plain, context)) : [], align: cellAlign };
    });
    return { cells, line: rowLine };
  };
  return { type: 'table', align, header: head ? row(head) : { cells: [], line }, rows: body.map(row), line };
}

const calloutMarker = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*([^\n]*)\n?/i;

/** `> [!KIND] Optional title` starts a callout; any other block quote stays a quote. */
function calloutOrQuote(
  children: BlockContent[] | (BlockContent | DefinitionContent)[],
  context: ConvertContext,
  line: number,
): Block {
  const [first, ...rest] = children;
  const lead = first?.type === 'paragraph' ? first.children[0] : undefined;
  const match = lead?.type === 'text' ? calloutMarker.exec(lead.value) : null;
  if (first?.type !== 'paragraph' || lead?.type !== 'text' || !match) {
    return { type: 'quote', blocks: convertBlocks(children, context), line };
  }
  const remainder = lead.value.slice(match[0].length);
  const paragraph = {
    ...first,
    children: [...(remainder ? [{ ...lead, value: remainder }] : []), ...first.children.slice(1)],
  };
  // A line break right after the title line leaves an empty break node at the start: drop it.
  while (paragraph.children[0]?.type === 'break') paragraph.children.shift();
  const body = paragraph.children.length > 0 ? [paragraph, ...rest] : rest;
  return {
    type: 'callout',
    kind: (match[1] as string).toLowerCase() as 'note',
    title: match[2]?.trim() || null,
    blocks: convertBlocks(body, context),
    line,
  };
}

/** An image written on its own line becomes an image block; text around it stays a paragraph. */
function splitOutImages(children: readonly PhrasingContent[], context: ConvertContext, line: number): Block[] {
  const blocks: Block[] = [];
  let pending: PhrasingContent[] = [];
  const flush = () => {
    const inlines = trimInlines(convertInlines(pending, plain, context));
    if (inlines.length > 0) blocks.push({ type: 'paragraph', inlines, line });
    pending = [];
  };
  for (const child of children) {
    if (child.type === 'image') {
      flush();
      const where = {
        file: context.file,
        line: child.position?.start.line ?? line,
        column: child.position?.start.column,
      };
      const src = imagePath(child.url, context, where);
      if (src === null) continue;
      const decorative = child.title?.trim().toLowerCase() === 'decorative';
      if (!decorative && !(child.alt ?? '').trim()) {
        context.problems.push({
          severity: 'error',
          code: 'alt-missing',
          message: `image ${child.url} has no alt text`,
          ...where,
          hint: 'Describe the picture for people who cannot see it: ![A knee diagram](knee.png). A purely decorative image: ![](border.png "decorative").',
        });
      }
      blocks.push({
        type: 'image',
        src,
        alt: child.alt ?? '',
        title: decorative ? null : (child.title ?? null),
        decorative,
        line: child.position?.start.line ?? line,
      });
    } else pending.push(child);
  }
  flush();
  return blocks;
}

/**
 * An article image's absolute path, or null with the problem recorded at the image's line: here, with the
 * article's other problems, whether the file is there (its content is checked where it is read).
 */
function imagePath(
  url: string,
  context: ConvertContext,
  where: Pick<Problem, 'file' | 'line' | 'column'>,
): string | null {
  const problem = (code: DiagnosticCode, message: string, hint: string) => {
    context.problems.push({ severity: 'error', code, message, ...where, hint });
    return null;
  };
  if (/^[a-z][a-z0-9+.-]*:/i.test(url))
    return problem(
      'image-remote',
      `image ${url} is not a local file`,
      'Download the image into the project and refer to it by a relative path.',
    );
  let decoded: string;
  try {
    decoded = decodeURI(url);
  } catch {
    return problem(
      'image-path',
      `image path ${url} has a "%" that is not a valid escape`,
      'Write the file name as it is (spaces may be written %20); a "%" on its own is written %25.',
    );
  }
  const src = resolve(dirname(context.file), decoded);
  if (!isWithin(realOrSelf(src), [context.root]))
    return problem(
      'path-outside',
      `image ${url} is outside the project`,
      'Keep images inside the project folder and refer to them with relative paths.',
    );
  if (!context.checkFiles) return src;
  try {
    resolveConfined(src, {
      roots: [context.root],
      what: 'image',
      place: where,
      missingCode: 'image-missing',
      maxBytes: limits.binaryBytes,
    });
  } catch (error) {
    if (!(error instanceof HandoutError)) throw error;
    context.problems.push(...error.problems());
    return null;
  }
  return src;
}

function trimInlines(inlines: Inline[]): Inline[] {
  const isBlank = (inline: Inline | undefined) => inline?.type === 'text' && inline.text.trim() === '';
  const result = [...inlines];
  while (isBlank(result[0])) result.shift();
  while (isBlank(result[result.length - 1])) result.pop();
  return result;
}
