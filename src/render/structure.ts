import type { StructNode } from '../layout/types.js';

type Element = PDFKit.PDFStructureElement;

/**
 * The structure tree as PDFKit elements, and the marked-content bookkeeping that ties each drawn box
 * to its element (or marks it as an artifact). Consecutive boxes of one element share one sequence.
 */
export class Tagger {
  private readonly elements = new Map<number, Element>();
  private open: { node: number | null; content: PDFKit.PDFStructureContent | null } | null = null;
  private readonly root: Element;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    structure: StructNode,
  ) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    const build = (nodes: readonly StructNode[], parent: Element) => {
      for (const node of nodes) {
        const element = doc.struct(node.role, {
          ...(node.alt ? { alt: node.alt } : {}),
          ...(node.lang ? { lang: node.lang } : {}),
        } as never);
        parent.add(element);
        this.elements.set(node.id, element);
        build(node.children, element);
      }
    };
    build(structure.children, this.root);
  }

  /** Start (or continue) the marked-content sequence for a box of this node; null marks an artifact. */
  enter(node: number | null): void {
    if (this.open && this.open.node === node) return;
    this.leave();
    const element = node === null ? undefined : this.elements.get(node);
    if (!element) {
      this.doc.markContent('Artifact', { type: 'Layout' } as never);
      this.open = { node, content: null };
      return;
    }
    const role = (element as unknown as { dictionary: { data: { S: string } } }).dictionary.data.S;
    this.open = { node, content: this.doc.markStructureContent(role) };
  }

  /** A link inside a node: its own Link element holding the text and the annotation. */
  link(node: number | null, draw: (link: Element | undefined) => void): void {
    this.leave();
    const parent = node === null ? undefined : this.elements.get(node);
    if (!parent) {
      this.enter(null);
      draw(undefined);
      this.leave();
      return;
    }
    const link = this.doc.struct('Link');
    parent.add(link);
    const content = this.doc.markStructureContent('Link');
    draw(link);
    this.doc.endMarkedContent();
    link.add(content);
  }

  leave(): void {
    if (!this.open) return;
    this.doc.endMarkedContent();
    const { node, content } = this.open;
    if (content && node !== null) this.elements.get(node)?.add(content);
    this.open = null;
  }

  end(): void {
    this.leave();
    this.root.end();
  }
}
