import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface RawNode {
  role?: string;
  type?: string;
  id?: string;
  children?: RawNode[];
}

/** Elements whose text runs on inside the surrounding block; every other element ends a word. */
const inlineRoles = new Set(['Link', 'Span', 'Note', 'Reference']);

/**
 * The text of a tagged PDF in reading order, as a screen reader gets it, read strictly: the Unicode of
 * each glyph exactly as drawn (through the font's ToUnicode map), joined in structure order with nothing
 * added but a break between block elements. Unlike text extraction, no space or line end is repaired from
 * the glyphs' positions, so glued or split words show.
 */
export async function taggedText(pdf: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const byId = markedText(await page.getOperatorList(), `p${page.ref?.num ?? n}R_mc`);
      const walk = (node: RawNode) => {
        for (const child of node.children ?? []) {
          if (child.type === 'content' && child.id) text += byId.get(child.id) ?? '';
          else if (child.role) {
            walk(child);
            if (!inlineRoles.has(child.role)) text += '\n';
          }
        }
      };
      const tree = (await page.getStructTree()) as RawNode | null;
      if (tree) walk(tree);
    }
  } finally {
    await doc.destroy();
  }
  return text;
}

/** Glyph text by marked-content id (pdf.js names them "p<page ref>R_mc<MCID>"). */
function markedText(list: { fnArray: number[]; argsArray: unknown[][] }, prefix: string): Map<string, string> {
  const byId = new Map<string, string>();
  const stack: (string | null)[] = [];
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i] as unknown[];
    if (fn === OPS.beginMarkedContentProps || fn === OPS.beginMarkedContent) {
      const mcid = fn === OPS.beginMarkedContentProps ? args[1] : null;
      stack.push(typeof mcid === 'number' ? `${prefix}${mcid}` : null);
    } else if (fn === OPS.endMarkedContent) stack.pop();
    else if (fn === OPS.showText || fn === OPS.showSpacedText) {
      const owner = stack[stack.length - 1];
      if (!owner) return;
      const glyphs = args[0] as (number | { unicode: string })[];
      const text = glyphs.map((g) => (typeof g === 'number' ? '' : g.unicode)).join('');
      byId.set(owner, (byId.get(owner) ?? '') + text);
    }
  });
  return byId;
}

/** A text as its words. A soft hyphen (invisible by definition) joins the word it breaks, even across a page turn. */
export function words(text: string): string[] {
  return text
    .replace(/\u00AD\s*/g, '')
    .split(/\s+/)
    .filter(Boolean);
}
