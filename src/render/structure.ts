import type { StructNode } from '../layout/types.js';

type Element = PDFKit.PDFStructureElement;

/**
 * The structure tree as PDFKit elements, and the marked-content bookkeeping that ties each drawn box
 * to its element (or marks it as an artifact). Consecutive boxes of one element share one sequence.
 */
export class Tagger {
  private readonly elements = new Map<number, Element>();
  private open: {
    node: number | null;
    lang: string | null;
    content: PDFKit.PDFStructureContent | null;
    element: Element | null;
  } | null = null;
  private readonly root: Element;
  /** The link drawn last, while nothing else has been tagged since. */
  private lastLink: { node: number; href: string; element: Element } | null = null;
  /** Links (or the References holding them) begun on the page being drawn, ended with it. */
  private pageLinks: Element[] = [];

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    structure: StructNode,
  ) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    const build = (nodes: readonly StructNode[], parent: Element) => {
      for (const node of nodes) {
        // A header cell's scope goes into its Table attributes (/A << /O /Table /Scope /Column >>).
        const element = doc.struct(node.role, {
          ...(node.alt ? { alt: node.alt } : {}),
          ...(node.lang ? { lang: node.lang } : {}),
          ...(node.scope ? { scope: node.scope } : {}),
        } as never);
        if (node.elementId) this.identify(element, node.elementId);
        // A list says how its items are labelled (PDF/UA asks for /ListNumbering on every list).
        if (node.numbering) dictionaryOf(element).data.A = { O: 'List', ListNumbering: node.numbering };
        parent.add(element);
        this.elements.set(node.id, element);
        build(node.children, element);
      }
    };
    build(structure.children, this.root);
  }

  /** Elements with an /ID (notes), by id: the structure tree root's IDTree lists them, as ISO 32000 asks. */
  private readonly identified = new Map<string, Element>();

  private identify(element: Element, id: string): void {
    dictionaryOf(element).data.ID = new String(id);
    this.identified.set(id, element);
  }

  /**
   * Start (or continue) the marked-content sequence for a box of this node; null marks an artifact. A box in
   * another language than its element gets a Span of its own with that /Lang, made where it is drawn, so it
   * sits in reading order among the element's other content.
   */
  enter(node: number | null, lang: string | null = null): void {
    if (this.open && this.open.node === node && this.open.lang === lang) return;
    this.leave();
    // Anything tagged between two pieces of a link ends it; page furniture (an artifact) does not.
    if (node !== null) this.lastLink = null;
    const parent = node === null ? undefined : this.elements.get(node);
    if (!parent) {
      this.doc.markContent('Artifact', { type: 'Layout' } as never);
      this.open = { node, lang: null, content: null, element: null };
      return;
    }
    let element = parent;
    if (lang) {
      element = this.doc.struct('Span', { lang } as never);
      parent.add(element);
    }
    const role = dictionaryOf(element).data.S as string;
    this.open = { node, lang, content: this.doc.markStructureContent(role), element };
  }

  /**
   * A link inside a node: its own Link element holding the text and the annotation. A link to a place in the
   * document (a note) is a citation of it: a Reference holding the Link. A link in page furniture (the
   * footer's web address, an artifact) is drawn as plain text, null: an annotation outside the structure
   * tree fails PDF/UA (Matterhorn 28-011), and the address is a tagged link in the closing.
   */
  link(node: number | null, href: string, draw: (link: Element | null) => void, internal = false): void {
    this.leave();
    const parent = node === null ? undefined : this.elements.get(node);
    if (!parent) {
      this.enter(null);
      draw(null);
      this.leave();
      return;
    }
    // A link broken over two lines (or pages) is one link: its second piece joins the first's element.
    const last = this.lastLink;
    if (last && last.node === node && last.href === href) {
      const content = this.doc.markStructureContent('Link');
      draw(last.element);
      this.doc.endMarkedContent();
      last.element.add(content);
      return;
    }
    const link = this.doc.struct('Link');
    if (node !== null) this.lastLink = { node, href, element: link };
    if (internal) {
      const reference = this.doc.struct('Reference');
      parent.add(reference);
      reference.add(link);
      this.pageLinks.push(reference);
    } else {
      parent.add(link);
      this.pageLinks.push(link);
    }
    const content = this.doc.markStructureContent('Link');
    draw(link);
    this.doc.endMarkedContent();
    link.add(content);
  }

  /**
   * Ends the page's links: PDFKit fills an annotation's OBJR /Pg from the page current when its element is
   * written out, so each Link is written while its page is current. A link broken over a page break becomes
   * two Link elements, one per page, each holding its own annotation.
   */
  endPage(): void {
    this.leave();
    for (const link of this.pageLinks) link.end();
    this.pageLinks = [];
    this.lastLink = null;
  }

  leave(): void {
    if (!this.open) return;
    this.doc.endMarkedContent();
    const { content, element } = this.open;
    if (content && element) element.add(content);
    this.open = null;
  }

  end(): void {
    this.leave();
    if (this.identified.size > 0) {
      // A name tree of one node: its keys sorted as byte strings.
      const names = [...this.identified].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const root = (
        this.doc as unknown as { getStructTreeRoot(): { data: Record<string, unknown> } }
      ).getStructTreeRoot();
      root.data.IDTree = { Names: names.flatMap(([id, element]) => [new String(id), dictionaryOf(element)]) };
    }
    this.root.end();
  }
}

function dictionaryOf(element: Element): { data: Record<string, unknown> } {
  return (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary;
}
