import type { BlockContent, Code, DefinitionContent, PhrasingContent, RootContent, Table } from 'mdast';
import type { Problem } from '../errors.js';
import { limits } from '../shared/limits.js';
import type { FootnoteState } from './footnotes.js';
import { imagePath } from './images.js';
import { convertInlines, plain } from './inlines.js';
import { htmlProblem, htmlUse } from './raw-html.js';
import type { Block, CellAlign, Inline, TableRow } from './types.js';

/** The heading levels a handout uses: the title (front matter) is level 1, the article's sections ## and ###. */
const shallowestHeading = 2;
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
        if (node.depth > deepestHeading || node.depth < shallowestHeading)
          context.problems.push(headingLevelProblem(node.depth, file, line));
        blocks.push({
          type: 'heading',
          level: Math.min(Math.max(node.depth, shallowestHeading), deepestHeading),
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
        blocks.push({ type: 'code', lines: codeLines(node.value), line, firstLine: codeStart(node) });
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

/** A # heading would sit beside the title, a #### below what a handout shows: either would change the outline. */
function headingLevelProblem(depth: number, file: string, line: number): Problem {
  const hint = 'Use ## for sections and ### inside them';
  return {
    severity: 'error',
    code: 'heading-depth',
    message:
      depth === 1
        ? 'a level-1 heading (#) in the body: the title, from the front matter, is the only level-1 heading'
        : `a level-${depth} heading (${'#'.repeat(depth)}) is deeper than a handout goes`,
    file,
    line,
    column: 1,
    hint:
      depth === 1
        ? `${hint}; a # line that repeats the title can go (the title is printed from the front matter).`
        : `${hint}; below that, a short paragraph starting in **bold** reads better.`,
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

/** The line of a code block's first line: a fenced block spans more lines than its text (the fences). */
function codeStart(node: Code): number {
  const start = node.position?.start.line ?? 1;
  const span = (node.position?.end.line ?? start) - start + 1;
  return span > node.value.split('\n').length ? start + 1 : start;
}

/** A code block's lines: indentation kept (a tab as four spaces) as no-break spaces, which layout does not collapse. */
function codeLines(value: string): string[] {
  return value.split('\n').map((text) => {
    const untabbed = text.replace(/\t/g, '    ').trimEnd();
    const indent = /^ */.exec(untabbed)?.[0].length ?? 0;
    return '\u00A0'.repeat(indent) + untabbed.slice(indent);
  });
}

function trimInlines(inlines: Inline[]): Inline[] {
  const isBlank = (inline: Inline | undefined) => inline?.type === 'text' && inline.text.trim() === '';
  const result = [...inlines];
  while (isBlank(result[0])) result.shift();
  while (isBlank(result[result.length - 1])) result.pop();
  return result;
}
