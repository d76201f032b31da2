import type { SourcePlace } from '../errors.js';

/** Lengths are in PDF points (1/72 in) once parsed. */
export interface Edges {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TextStyle {
  readonly name: string;
  readonly font: string;
  readonly size: number;
  /** Line height as a multiple of the size. */
  readonly leading: number;
  readonly color: string;
  readonly align: Align;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  /** Break words at hyphenation points of the document's language when a line needs it. */
  readonly hyphenate: boolean;
  /** How far a justified word space may grow, as a multiple of its natural width, before the line is set ragged. */
  readonly maxStretch: number;
  /** Lines of even length (titles, captions): no one-word last line. */
  readonly balance: boolean;
  /** The colour of linked text (underlined); null: the text colour. */
  readonly linkColor: string | null;
  /** At most this many lines, the last cut with an ellipsis (a running head); null: no limit. */
  readonly maxLines: number | null;
  /**
   * Display text set smaller, down to 60% (never below 9 pt), until it takes at most this many lines and
   * no word is wider than the line (a long title, a long address in a footer); null: never.
   */
  readonly fitLines: number | null;
}

export interface FontFamily {
  readonly name: string;
  /** Absolute paths of the four faces; a missing face falls back to regular. */
  readonly regular: string;
  readonly bold: string;
  readonly italic: string;
  readonly boldItalic: string;
}

export type SpecInline =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly bold: boolean;
      readonly italic: boolean;
      /** A web address, or `#id` for a place in the document (a `<note id>`). */
      readonly href: string | null;
      /** The language of a phrase in another language than its paragraph (a <span lang>), else null. */
      readonly lang: string | null;
      /** Superscript: smaller, on a raised baseline (a footnote's number). */
      readonly sup?: boolean | undefined;
    }
  | { readonly kind: 'break' }
  | { readonly kind: 'field'; readonly name: 'page' | 'pages'; readonly bold: boolean; readonly italic: boolean };

interface Located {
  /** The line in the layout spec's XML. */
  readonly line: number;
  /** Where the element was written: its template file and line (from the expansion's source map). */
  readonly at?: SourcePlace | undefined;
  /** Where its content came from (`source="article:LINE"` or `clinic:LINE`): the line an author edits. */
  readonly source?: SourcePlace | null | undefined;
}

export interface ParagraphSpec extends Located {
  readonly kind: 'paragraph';
  readonly style: TextStyle;
  /** 1–6 for headings (kept with what follows), null for body text. */
  readonly heading: number | null;
  /** The paragraph's own language when it differs from the document's (a tagline in English), else null. */
  readonly lang: string | null;
  readonly inlines: readonly SpecInline[];
  /** A hanging indent: the lines after the first start this much further in (a code block's long line). */
  readonly hang?: number;
}
export interface ListSpec extends Located {
  readonly kind: 'list';
  readonly ordered: boolean;
  readonly start: number;
  readonly style: TextStyle;
  readonly indent: number;
  readonly spaceAfter: number;
  readonly items: readonly (readonly BlockSpec[])[];
}
export interface ImageSpec extends Located {
  readonly kind: 'image';
  readonly src: string;
  readonly alt: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly align: Align;
  readonly spaceAfter: number;
  /** Decorative images are marked as artifacts and need no alt text. */
  readonly decorative: boolean;
  /** The alt text's language when it differs from the document's (a clinic's name), else null. */
  readonly lang: string | null;
}
export interface BoxSpec extends Located {
  readonly kind: 'box';
  readonly fill: string | null;
  readonly border: string | null;
  readonly borderWidth: number;
  /** Draw the border only on the left edge (a callout bar) rather than all around. */
  readonly borderLeftOnly: boolean;
  readonly padding: Edges;
  readonly radius: number;
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  /** short: kept whole when at most a third of a page; always: whenever it fits a page; never. */
  readonly keepTogether: 'short' | 'always' | 'never';
  /** Structure element grouping the box's content for screen readers (Div, BlockQuote), or null for none. */
  readonly role: 'Div' | 'BlockQuote' | null;
  readonly children: readonly BlockSpec[];
}
export interface SpacerSpec extends Located {
  readonly kind: 'spacer';
  readonly height: number;
}
export interface PageBreakSpec extends Located {
  readonly kind: 'page-break';
}
export interface RuleSpec extends Located {
  readonly kind: 'rule';
  readonly color: string;
  readonly thickness: number;
  readonly spaceBefore: number;
  readonly spaceAfter: number;
}
export interface CellSpec {
  /** Points, a fraction of the row (0–1] when given in %, or null to share what is left. */
  readonly width: { readonly points: number } | { readonly fraction: number } | null;
  readonly valign: 'top' | 'center' | 'bottom';
  readonly children: readonly BlockSpec[];
}
export interface RowSpec extends Located {
  readonly kind: 'row';
  readonly gap: number;
  readonly spaceAfter: number;
  readonly cells: readonly CellSpec[];
}
export interface IconSpec extends Located {
  readonly kind: 'icon';
  readonly name: 'alert' | 'info';
  readonly size: number;
  readonly color: string;
  readonly align: Align;
}
/**
 * The block that closes a handout (contact, QR code, disclaimer): kept whole, in the first of its
 * variants unless a later, more compact one saves a page (or is the one that fits a fixed layout).
 */
export interface ClosingSpec extends Located {
  readonly kind: 'closing';
  readonly variants: readonly (readonly BlockSpec[])[];
  /** flow: after the article; foot: at the bottom of the body's last frame (a brochure's last panel). */
  readonly placement: 'flow' | 'foot';
  /** Left out, with a note, when the article needs its room. */
  readonly optional: boolean;
  /** all: across every column of a multi-column page. */
  readonly span: 'column' | 'all';
  /** Writing lines for the reader's notes, for a brochure whose article leaves a panel to spare. */
  readonly notesArea: NotesAreaSpec | null;
}
/** A title (its blocks) over ruled lines `spacing` apart, filling a panel; left out below `minLines` lines. */
export interface NotesAreaSpec {
  readonly title: readonly BlockSpec[];
  readonly spacing: number;
  readonly color: string;
  readonly minLines: number;
}
export interface QrSpec extends Located {
  readonly kind: 'qr';
  readonly data: string;
  readonly size: number;
  readonly color: string;
  readonly align: Align;
  readonly alt: string;
  /** The alt text's language when it differs from the document's (English fallback words), else null. */
  readonly lang: string | null;
}

export type CellAlign = 'left' | 'center' | 'right';
export interface TableCellSpec {
  /** A `<th>`: a header cell (its column's header in a header row, its row's in a body row). */
  readonly header: boolean;
  readonly align: CellAlign;
  readonly inlines: readonly SpecInline[];
}
export interface TableSpec extends Located {
  readonly kind: 'table';
  readonly style: TextStyle;
  readonly headerStyle: TextStyle;
  /** Inside every cell. */
  readonly padding: Edges;
  readonly headerFill: string | null;
  /** Fill of every second body row (zebra stripes), or null. */
  readonly stripe: string | null;
  /** Lines under the header and under the last row. */
  readonly rule: string | null;
  readonly ruleWidth: number;
  /** Thin lines between body rows, or null. */
  readonly rowRule: string | null;
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  /** How many leading rows are header rows (all `<th>`): repeated at the top of every page or column the table reaches. */
  readonly headerRows: number;
  /** Rows of cells; every row has as many cells as the widest (shorter rows are filled with empty cells). */
  readonly rows: readonly (readonly TableCellSpec[])[];
}
/** A footnote: its number as a label beside its blocks; a link `<a href="#id">` leads to it. */
export interface NoteSpec extends Located {
  readonly kind: 'note';
  readonly id: string;
  readonly label: string;
  readonly style: TextStyle;
  readonly indent: number;
  readonly spaceAfter: number;
  readonly children: readonly BlockSpec[];
}

export type BlockSpec =
  | ParagraphSpec
  | TableSpec
  | NoteSpec
  | ListSpec
  | ImageSpec
  | BoxSpec
  | SpacerSpec
  | PageBreakSpec
  | RuleSpec
  | RowSpec
  | QrSpec
  | IconSpec
  | ClosingSpec;

export type PageSelector = 'all' | 'first' | 'rest';

export interface RegionSpec extends Located {
  readonly kind: 'header' | 'footer';
  readonly pages: PageSelector;
  /** Null: as tall as its content (layout measures it). */
  readonly height: number | null;
  readonly valign: 'top' | 'center' | 'bottom';
  /** The fill stops this far from the paper's edges (office printers cannot print to the edge); 0: full width. */
  readonly inset: number;
  readonly radius: number;
  /** Space between the region and the body. */
  readonly gap: number;
  readonly fill: string | null;
  readonly padding: Edges;
  /** Read as content (a masthead with the clinic and title) rather than repeated page furniture. */
  readonly tagged: boolean;
  readonly children: readonly BlockSpec[];
}

/** A fixed area of a page (a brochure panel): its own content, or a slot the body flows through. */
export interface PanelSpec extends Located {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly padding: Edges;
  readonly fill: string | null;
  /** Order in which the body flows through panels (1, 2, ...), or null for a panel with its own content. */
  readonly flow: number | null;
  readonly valign: 'top' | 'center' | 'bottom';
  /** Where a panel with its own content comes in the reading order: before or after the body. */
  readonly reading: 'before' | 'after';
  /** An empty flow panel is an error unless the template allows it. */
  readonly allowEmpty: boolean;
  /** The fill stops this far inside the panel where the panel meets the paper's edge (full bleed with --bleed). */
  readonly inset: number;
  readonly radius: number;
  readonly children: readonly BlockSpec[];
}

export interface FixedPageSpec extends Located {
  readonly panels: readonly PanelSpec[];
}

export interface FitSpec {
  /**
   * error: content that does not fit is an error; shrink: text gets smaller step by step down to `minSize`;
   * fill (fixed pages): also grows up to `maxSize` when the panels would be left empty, then balances them;
   * pages: steps size and leading down (not below `minSize`) to land on `pages` pages.
   */
  readonly mode: 'error' | 'shrink' | 'fill' | 'pages';
  readonly minSize: number;
  readonly maxSize: number | null;
  readonly pages: number | null;
}

export interface DocumentInfo {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: string;
  readonly lang: string;
  /** The writing direction: the `dir` written on <document>, else the language's. Right to left mirrors the page. */
  readonly dir: 'ltr' | 'rtl';
  /** Words screen readers hear for note links: "Note" (a reference: "Note 1") and "Back to the text" (a note's number). */
  readonly noteLinks?: { readonly note: string; readonly back: string } | undefined;
}

/** A validated layout spec: everything layout needs, nothing it must look up. */
export interface LayoutSpec {
  readonly templateFile: string;
  /** Where the <document> element was written (its fit and size settings). */
  readonly at?: SourcePlace | undefined;
  /** The article the body comes from, where problems of its length belong; null for a hand-made spec. */
  readonly article?: string | null | undefined;
  readonly page: { readonly width: number; readonly height: number; readonly margin: Edges };
  readonly info: DocumentInfo;
  readonly fonts: readonly FontFamily[];
  /** Each face file of `fonts` → the content it held when the spec was read: layout and render draw with that. */
  readonly fontFaces: Readonly<Record<string, string>>;
  /** Fonts tried, in order, for characters the style's own font lacks. */
  readonly fallbackFonts: readonly string[];
  readonly regions: readonly RegionSpec[];
  /** Body columns on every flowing page; the last page's columns are balanced unless `balance` is off. */
  readonly columns: { readonly count: number; readonly gap: number; readonly balance: boolean };
  /** Fixed pages (a brochure): when present, the document has exactly these pages and the body flows through their panels. */
  readonly fixedPages: readonly FixedPageSpec[];
  readonly fit: FitSpec;
  readonly body: readonly BlockSpec[];
}
