import type { Root as HastRoot } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { VFile } from 'vfile';
import { HandoutError } from '../errors.js';
import { limits } from '../shared/limits.js';

type Parse5Node = DefaultTreeAdapterMap['childNode'];

/**
 * Parse a web page with parse5 (which does not recurse), and refuse one nested deeper than any real page
 * before the recursive steps after it (conversion to hast, then to Markdown) could run out of stack.
 */
export function parseHtml(html: string, file: string): HastRoot {
  const document = parse(html, { sourceCodeLocationInfo: true, scriptingEnabled: false });
  const stack: [Parse5Node, number][] = document.childNodes.map((node) => [node, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Parse5Node, number];
    if (depth > limits.htmlDepth) {
      throw new HandoutError({
        code: 'import-too-deep',
        message: `the page nests elements more than ${limits.htmlDepth} deep`,
        file,
        line: node.sourceCodeLocation?.startLine,
        column: node.sourceCodeLocation?.startCol,
        hint: 'This is not a saved article page (or it is damaged): copy the article text into a .txt file and import that.',
      });
    }
    if ('childNodes' in node) for (const child of node.childNodes as Parse5Node[]) stack.push([child, depth + 1]);
  }
  return fromParse5(document, { file: new VFile(html) }) as HastRoot;
}
