import { dirname, resolve } from 'node:path';
import type { BlockContent, DefinitionContent, PhrasingContent, RootContent } from 'mdast';
import type { Problem } from '../errors.js';
import { isWithin, realOrSelf } from '../shared/confined-read.js';
import { limits } from '../shared/limits.js';
import { linkHint, linkProblem } from '../shared/links.js';
import type { Block, Inline } from './types.js';

interface Emphasis {
  readonly bold: boolean;
  readonly italic: boolean;
  readonly href: string | null;
}
const plain: Emphasis = { bold: false, italic: false, href: null };

export interface ConvertContext {
  readonly file: string;
  /** Images must lie inside this folder. */
  readonly root: string;
  readonly depth: number;
  /** Every problem found, so an article's mistakes are all reported at once. */
  readonly problems: Problem[];
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
        blocks.push({
          type: 'heading',
          level: node.depth,
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
        blocks.push({ type: 'paragraph', inlines: [{ type: 'text', text: node.value, ...plain }], line });
        break;
      case 'definition':
        break;
      case 'html':
        context.problems.push({
          severity: 'error',
          code: 'unsupported-markdown',
          message: 'raw HTML is not supported in articles',
          file,
          line,
          column: node.position?.start.column,
          hint: 'Write it in Markdown instead (e.g. **bold**, lists, > quotes).',
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
 * An article image's absolute path, checked as the confined reader will read it (inside the project, a
 * regular file), or null with the problem recorded at the image's line.
 */
function imagePath(
  url: string,
  context: ConvertContext,
  where: Pick<Problem, 'file' | 'line' | 'column'>,
): string | null {
  const problem = (code: string, message: string, hint: string) => {
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
  // Existence and file type are checked where the image is read (with this line as its place).
  if (!isWithin(realOrSelf(src), [context.root]))
    return problem(
      'path-outside',
      `image ${url} is outside the project`,
      'Keep images inside the project folder and refer to them with relative paths.',
    );
  return src;
}

function convertInlines(nodes: readonly PhrasingContent[], style: Emphasis, context: ConvertContext): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        out.push({ type: 'text', text: node.value, ...style });
        break;
      case 'strong':
        out.push(...convertInlines(node.children, { ...style, bold: true }, context));
        break;
      case 'emphasis':
        out.push(...convertInlines(node.children, { ...style, italic: true }, context));
        break;
      case 'link': {
        const problem = linkProblem(node.url);
        if (problem) {
          context.problems.push({
            severity: 'error',
            code: 'link-scheme',
            message: problem,
            file: context.file,
            line: node.position?.start.line,
            column: node.position?.start.column,
            hint: linkHint,
          });
        }
        out.push(...convertInlines(node.children, { ...style, href: problem ? null : node.url }, context));
        break;
      }
      case 'break':
        out.push({ type: 'break' });
        break;
      case 'image':
        out.push({ type: 'text', text: node.alt ?? '', ...style });
        break;
      default:
        // Raw inline HTML and other rare nodes are shown as their literal source text.
        if ('value' in node && typeof node.value === 'string') out.push({ type: 'text', text: node.value, ...style });
    }
  }
  return out;
}

function trimInlines(inlines: Inline[]): Inline[] {
  const isBlank = (inline: Inline | undefined) => inline?.type === 'text' && inline.text.trim() === '';
  const result = [...inlines];
  while (isBlank(result[0])) result.shift();
  while (isBlank(result[result.length - 1])) result.pop();
  return result;
}
