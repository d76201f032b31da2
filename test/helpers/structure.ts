import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface StructItem {
  readonly role: string;
  readonly alt?: string;
  /** The element's own /Lang, when it has one. */
  readonly lang?: string;
  readonly text: string;
  readonly children: StructItem[];
}

interface RawNode {
  role?: string;
  alt?: string;
  lang?: string;
  type?: string;
  id?: string;
  children?: RawNode[];
}

/**
 * The structure tree of every page read back with pdf.js, each element with the text of its own
 * marked content (what a screen reader would speak), plus the text that is not in the tree.
 */
export async function readStructure(pdf: Uint8Array): Promise<{ pages: StructItem[][]; untagged: string[] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: StructItem[][] = [];
  const untagged: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    // Text by marked-content id, and text outside any tagged sequence.
    const byId = new Map<string, string>();
    const stack: (string | null)[] = [];
    for (const item of content.items as {
      type?: string;
      id?: string;
      tag?: string;
      str?: string;
      hasEOL?: boolean;
    }[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
        stack.push(
          item.type === 'beginMarkedContentProps' && item.id ? item.id : item.tag === 'Artifact' ? 'artifact' : null,
        );
      } else if (item.type === 'endMarkedContent') stack.pop();
      else if (typeof item.str === 'string') {
        const owner = [...stack].reverse().find((s) => s !== null) ?? null;
        if (owner === null) {
          if (item.str.trim()) untagged.push(item.str);
        } else if (owner !== 'artifact')
          byId.set(owner, `${byId.get(owner) ?? ''}${item.str}${item.hasEOL ? ' ' : ''}`);
      }
    }
    const tree = (await page.getStructTree()) as RawNode | null;
    const convert = (node: RawNode): StructItem => {
      const children = (node.children ?? []).filter((c) => c.role);
      const own = (node.children ?? [])
        .filter((c) => c.type === 'content' && c.id)
        .map((c) => byId.get(c.id as string) ?? '')
        .join('');
      return {
        role: node.role ?? '',
        ...(node.alt ? { alt: node.alt } : {}),
        ...(node.lang ? { lang: node.lang } : {}),
        text: own.replace(/\s+/g, ' ').trim(),
        children: children.map(convert),
      };
    };
    pages.push((tree?.children ?? []).map(convert));
  }
  await doc.destroy();
  return { pages, untagged };
}

/** Elements in reading order, depth first, as "Role: text". */
export function flatten(items: readonly StructItem[]): string[] {
  return items.flatMap((item) => [
    `${item.role}${item.alt ? ` [${item.alt}]` : ''}${item.text ? `: ${item.text}` : ''}`,
    ...flatten(item.children),
  ]);
}
