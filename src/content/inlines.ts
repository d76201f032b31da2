import type { Image, PhrasingContent } from 'mdast';
import { linkHint, linkProblem } from '../shared/links.js';
import { type FootnoteState, footnoteNumber, undefinedReferences } from './footnotes.js';
import { type ImageContext, imagePath } from './images.js';
import { htmlProblem, htmlUse, tagOf } from './raw-html.js';
import type { Inline } from './types.js';

export interface Emphasis {
  readonly bold: boolean;
  readonly italic: boolean;
  readonly href: string | null;
  readonly lang?: string | null;
}
export const plain: Emphasis = { bold: false, italic: false, href: null };

/** A language tag such as es or pt-BR. */
const languageTag = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/** The article's file and problems, where its images must be (checked even where one is refused), its notes. */
export interface InlineContext extends ImageContext {
  readonly footnotes: FootnoteState;
}

/** mdast phrasing nodes → inline runs; raw HTML other than <br> and comments is an error at its line and column. */
export function convertInlines(nodes: readonly PhrasingContent[], style: Emphasis, context: InlineContext): Inline[] {
  // Tags opened in this block and already reported, so `<b>…</b>` is one error, not two.
  return convert(nodes, style, context, new Set());
}

function convert(
  nodes: readonly PhrasingContent[],
  style: Emphasis,
  context: InlineContext,
  reported: Set<string>,
): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const line = node.position?.start.line ?? 1;
    switch (node.type) {
      case 'text':
        out.push({ type: 'text', text: node.value, ...style, line });
        if (node.value.includes('[^'))
          context.problems.push(
            ...undefinedReferences(node.value, { line, column: node.position?.start.column ?? 1 }, context.file),
          );
        break;
      case 'inlineCode':
        out.push({ type: 'text', text: node.value, ...style, line });
        break;
      case 'strong':
        out.push(...convert(node.children, { ...style, bold: true }, context, reported));
        break;
      case 'emphasis':
        out.push(...convert(node.children, { ...style, italic: true }, context, reported));
        break;
      case 'link': {
        // Only web, e-mail and phone addresses become links: javascript:, file:, data: are errors here.
        const problem = linkProblem(node.url);
        if (problem) {
          context.problems.push({
            severity: 'error',
            code: 'link-scheme',
            message: problem,
            file: context.file,
            line,
            column: node.position?.start.column,
            hint: linkHint,
          });
        }
        out.push(...convert(node.children, { ...style, href: problem ? null : node.url }, context, reported));
        break;
      }
      case 'break':
        out.push({ type: 'break' });
        break;
      case 'image':
        refuseInlineImage(node, style, context);
        out.push({ type: 'text', text: node.alt ?? '', ...style, line });
        break;
      case 'html': {
        const use = htmlUse(node.value);
        if (use === 'break') out.push({ type: 'break' });
        if (use !== 'refused') break;
        const { name, closing } = tagOf(node.value);
        if (closing && reported.has(name)) break;
        reported.add(name);
        context.problems.push(
          htmlProblem(node.value, { file: context.file, line, column: node.position?.start.column }, true),
        );
        break;
      }
      case 'textDirective': {
        // :span[texto]{lang=es}: a phrase in another language, read in its own voice and hyphenated by its own rules.
        const lang = node.attributes?.lang ?? null;
        if (node.name === 'span' && lang && languageTag.test(lang)) {
          out.push(...convert(node.children as PhrasingContent[], { ...style, lang }, context, reported));
          break;
        }
        context.problems.push({
          severity: 'error',
          code: 'unsupported-markdown',
          message:
            node.name === 'span'
              ? `:span needs a language, such as {lang=es}${lang ? `; "${lang}" is not one` : ''}`
              : `":${node.name}[…]" is not something articles can use`,
          file: context.file,
          line,
          column: node.position?.start.column,
          hint: 'Mark a phrase in another language as :span[texto]{lang=es}.',
        });
        out.push(...convert(node.children as PhrasingContent[], style, context, reported));
        break;
      }
      case 'footnoteReference':
        out.push({
          type: 'footnote-ref',
          identifier: node.identifier,
          label: node.label ?? node.identifier,
          number: footnoteNumber(context.footnotes, node.identifier),
        });
        break;
      default:
        // Anything else that still holds text (none in CommonMark + the extensions used) keeps its words.
        if ('value' in node && typeof node.value === 'string')
          out.push({ type: 'text', text: node.value, ...style, line });
    }
  }
  return out;
}

/**
 * An image inside a link, bold or italic text, a heading or a table cell: a handout draws images as figures
 * of their own, so this one is refused where it is (its file still checked, so a missing one is reported too).
 */
function refuseInlineImage(node: Image, style: Emphasis, context: InlineContext): void {
  const where = { file: context.file, line: node.position?.start.line ?? 1, column: node.position?.start.column };
  const inside = style.href ? 'a link' : style.bold || style.italic ? 'bold or italic text' : 'a heading or table cell';
  context.problems.push({
    severity: 'error',
    code: 'unsupported-markdown',
    message: `image ${node.url} is inside ${inside}, where it cannot be drawn`,
    ...where,
    hint: 'Put the image on a line of its own, outside the link or emphasis: ![what it shows](images/picture.png). A link can follow it on the next line.',
  });
  imagePath(node.url, context, where);
}
