import type { Root } from 'mdast';

export interface ImportReport {
  /** Headings in the imported article. */
  readonly sections: number;
  /** What was dropped as page leftovers, with where it was. */
  readonly removed: readonly string[];
  /** Guesses the user may want to check, e.g. a heading guessed from a short line. */
  readonly warnings: readonly string[];
}

/** An article brought in from a web page: Markdown with front matter, ready for content/articles/. */
export interface ImportResult {
  readonly id: string;
  readonly title: string;
  readonly lang: string;
  readonly markdown: string;
  readonly report: ImportReport;
}

/** What reading a page (text or HTML) gives, before front matter is written. */
export interface ParsedPage {
  readonly title: string;
  readonly firstParagraph: string | null;
  readonly body: Root;
  readonly sections: number;
  readonly removed: string[];
  readonly warnings: string[];
}

export interface ImportOptions {
  readonly id?: string | undefined;
  readonly lang?: string | undefined;
}
