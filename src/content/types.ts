/** A run of text inside a block, with its emphasis and link already resolved. */
export type Inline =
  | {
      readonly type: 'text';
      readonly text: string;
      readonly bold: boolean;
      readonly italic: boolean;
      readonly href: string | null;
      /** The language of a phrase in another language than the article (:span[…]{lang=…}), else null. */
      readonly lang?: string | null;
      /** Line in the article where the run starts (its text may hold the source's own line ends). */
      readonly line: number;
    }
  | { readonly type: 'break' }
  /** `[^label]`: a reference to a footnote, by the note's number (notes are numbered in order of first reference). */
  | { readonly type: 'footnote-ref'; readonly identifier: string; readonly label: string; readonly number: number };

export interface HeadingBlock {
  readonly type: 'heading';
  readonly level: number;
  readonly inlines: readonly Inline[];
  readonly line: number;
}
export interface ParagraphBlock {
  readonly type: 'paragraph';
  readonly inlines: readonly Inline[];
  readonly line: number;
}
export interface ListBlock {
  readonly type: 'list';
  readonly ordered: boolean;
  readonly start: number;
  readonly items: readonly ListItem[];
  readonly line: number;
}
export interface ListItem {
  readonly blocks: readonly Block[];
}
export interface QuoteBlock {
  readonly type: 'quote';
  readonly blocks: readonly Block[];
  readonly line: number;
}
/** A GitHub-style alert (`> [!WARNING] When to call your doctor`): a box the template styles by kind. */
export interface CalloutBlock {
  readonly type: 'callout';
  readonly kind: 'note' | 'tip' | 'important' | 'warning' | 'caution';
  readonly title: string | null;
  readonly blocks: readonly Block[];
  readonly line: number;
}
export interface ImageBlock {
  readonly type: 'image';
  /** Absolute path of the image file, resolved against the article's folder. */
  readonly src: string;
  readonly alt: string;
  readonly title: string | null;
  /** Marked decorative (title "decorative"): no alt text needed, hidden from screen readers. */
  readonly decorative: boolean;
  readonly line: number;
}
/**
 * A code block (indented or fenced): lines an author set one under another (a dosing schedule), printed as
 * they are, each on a line of its own. Leading indentation is kept as no-break spaces; the info string is not printed.
 */
export interface CodeBlock {
  readonly type: 'code';
  readonly lines: readonly string[];
  readonly line: number;
  /** The article line of the first of `lines` (after a fence), so a problem in one is placed on its own line. */
  readonly firstLine: number;
}
export interface RuleBlock {
  readonly type: 'rule';
  readonly line: number;
}

/** A column's alignment from the GFM delimiter row (`:--`, `:-:`, `--:`); null where it gives none. */
export type CellAlign = 'left' | 'center' | 'right' | null;
export interface TableCell {
  readonly inlines: readonly Inline[];
  readonly align: CellAlign;
}
/** A row has exactly as many cells as the header (GFM fills a short row with empty cells). */
export interface TableRow {
  readonly cells: readonly TableCell[];
  readonly line: number;
}
/** A GFM table: its header row (repeated when the table runs on to a new page) and its body rows. */
export interface TableBlock {
  readonly type: 'table';
  readonly align: readonly CellAlign[];
  readonly header: TableRow;
  readonly rows: readonly TableRow[];
  readonly line: number;
}
/** `[^label]: text`: a GFM footnote, printed with the other notes at the end of the article. */
export interface Footnote {
  /** 1, 2, …: in the order the text first refers to the notes. */
  readonly number: number;
  readonly identifier: string;
  readonly label: string;
  readonly blocks: readonly Block[];
  readonly line: number;
}

export type Block =
  | HeadingBlock
  | ParagraphBlock
  | ListBlock
  | QuoteBlock
  | CalloutBlock
  | ImageBlock
  | RuleBlock
  | CodeBlock
  | TableBlock;

/** Lines of the front matter's values, so a report can point at the title or the summary. */
export interface FrontMatterLines {
  readonly title: number;
  readonly subtitle: number | null;
  readonly summary: number | null;
  readonly lang: number | null;
  readonly translationOf: number | null;
}

/** A parsed article. Optional front-matter fields are null (not absent) so strict templates can test them. */
export interface Article {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly subtitle: string | null;
  readonly summary: string | null;
  /** From the front matter, else from the file name (`knee-pain.es.md`), else `en`. */
  readonly lang: string;
  /** The writing direction: front matter `dir`, else the language's (ar, fa, ur, he, yi… are right to left). */
  readonly dir: 'ltr' | 'rtl';
  /** Id of the article this one translates (front matter `translationOf`, or `knee-pain` for `knee-pain.es.md`). */
  readonly translationOf: string | null;
  /** ISO date (YYYY-MM-DD) the article was last reviewed. */
  readonly reviewed: string | null;
  readonly blocks: readonly Block[];
  /** The footnotes, by number: printed together at the end of the article. */
  readonly notes: readonly Footnote[];
  readonly lines: FrontMatterLines;
}
