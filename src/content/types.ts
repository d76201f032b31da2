/** A run of text inside a block, with its emphasis and link already resolved. */
export type Inline =
  | {
      readonly type: 'text';
      readonly text: string;
      readonly bold: boolean;
      readonly italic: boolean;
      readonly href: string | null;
      /** Line in the article where the run starts (its text may hold the source's own line ends). */
      readonly line: number;
    }
  | { readonly type: 'break' }
  /** `[^label]`: a reference to a footnote (detected; not laid out yet, so an article holding one is an error). */
  | { readonly type: 'footnote-ref'; readonly identifier: string; readonly label: string };

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
export interface RuleBlock {
  readonly type: 'rule';
  readonly line: number;
}

/** A GFM table; the first row is the header. Detected with its place; not laid out yet (an error for now). */
export interface TableBlock {
  readonly type: 'table';
  readonly align: readonly ('left' | 'center' | 'right' | null)[];
  readonly rows: readonly (readonly (readonly Inline[])[])[];
  readonly line: number;
}
/** `[^label]: text`: a GFM footnote's definition. Detected with its place; not laid out yet (an error for now). */
export interface FootnoteBlock {
  readonly type: 'footnote';
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
  | TableBlock
  | FootnoteBlock;

/** Lines of the front matter's values, so a report can point at the title or the summary. */
export interface FrontMatterLines {
  readonly title: number;
  readonly summary: number | null;
  readonly lang: number | null;
}

/** A parsed article. Optional front-matter fields are null (not absent) so strict templates can test them. */
export interface Article {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly subtitle: string | null;
  readonly summary: string | null;
  readonly lang: string;
  /** ISO date (YYYY-MM-DD) the article was last reviewed. */
  readonly reviewed: string | null;
  readonly blocks: readonly Block[];
  readonly lines: FrontMatterLines;
}
