import type { Root } from 'mdast';

/** How much of a page's prose an article holds. */
export interface ProseKept {
  /** Words of prose on the page (Chinese and Japanese counted by character). */
  readonly page: number;
  /** How many of them the article has. */
  readonly kept: number;
}

export interface ImportReport {
  /** Headings in the imported article. */
  readonly sections: number;
  /** What was dropped as page furniture, with where it was. */
  readonly removed: readonly string[];
  /** Guesses the user may want to check, and doubtful text that was kept. */
  readonly warnings: readonly string[];
  /** Where the summary came from, or null when it is left for the author (a warning says why). */
  readonly summary: string | null;
  /** Words of prose on the page, and how many of them the article has. */
  readonly prose: ProseKept;
}

/** An article brought in from a web page: Markdown with front matter, ready for content/articles/. */
export interface ImportResult {
  readonly id: string;
  readonly title: string;
  readonly lang: string;
  readonly markdown: string;
  readonly report: ImportReport;
  /** With the `diff` option: the page's words against the article's, as a readable list of changes. */
  readonly diff: string | null;
}

/** What reading a page (text or HTML) gives, before the summary and front matter are written. */
export interface ParsedPage {
  readonly title: string;
  /** The language the page declares (`<html lang>`, else Content-Language), as written there. */
  readonly lang?: string | undefined;
  readonly body: Root;
  readonly removed: string[];
  readonly warnings: string[];
  /** The page's own address (its canonical link or og:url), when it gives one. */
  readonly address?: string | undefined;
  /** The words of the page's prose, read before anything was left out. */
  readonly proseWords: readonly string[];
}

export interface ImportOptions {
  readonly id?: string | undefined;
  readonly lang?: string | undefined;
  /** Compare the page's text with the article's (what `--diff` prints). */
  readonly diff?: boolean | undefined;
  /** Refuse an article that keeps less than 80% of the page's prose, instead of warning. */
  readonly strict?: boolean | undefined;
}
