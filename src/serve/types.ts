import type { ProjectOptions, SelectionOptions } from '../project/types.js';

export interface ServeOptions extends ProjectOptions, SelectionOptions {
  /** Resolution of the page images; default 72. */
  readonly dpi?: number | undefined;
  /** Port on 127.0.0.1; 0 takes any free one. Default 4310. */
  readonly port?: number | undefined;
  /** Worker processes for builds and for proofs; default 2 (kept alive between rebuilds). */
  readonly jobs?: number | undefined;
}

/** A problem as the preview shows it: its place relative to the project. */
export interface PreviewProblem {
  readonly severity: 'error' | 'warning' | 'note';
  readonly code: string;
  /** file:line:column, relative to the project. */
  readonly place: string;
  readonly message: string;
  readonly hint: string | null;
}

export interface PreviewPage {
  /** URL of the page image; changes whenever the image does. */
  readonly src: string;
  readonly width: number;
  readonly height: number;
  readonly widthPt: number;
  readonly heightPt: number;
}

export interface PreviewHandout {
  /** The output path without ".pdf": the handout page's address. */
  readonly key: string;
  /** The handout page's URL. */
  readonly href: string;
  readonly output: string;
  /** The article's id (its file name). */
  readonly article: string;
  /** The article's title, as its front matter gives it (the id when it gives none). */
  readonly title: string;
  /** The clinic's id (its file name). */
  readonly clinic: string;
  /** The clinic's name, as its file gives it (the id when it gives none). */
  readonly clinicName: string;
  readonly template: string;
  /**
   * pending: not built and drawn yet (the preview is still working on it); failed: the last build of it did
   * not succeed, its problems say why, and no old image is shown.
   */
  readonly status: 'built' | 'failed' | 'pending';
  readonly pages: readonly PreviewPage[];
  readonly pdf: string | null;
  readonly bytes: number | null;
  readonly problems: readonly PreviewProblem[];
  readonly readability: string | null;
  /** Changes whenever anything shown about the handout does. */
  readonly version: string;
}

/** What the preview is doing in the background, for the pages to show while it works. */
export interface PreviewProgress {
  /** waiting: another build of the same output folder holds it (a `handout build` running beside the preview). */
  readonly phase: 'planning' | 'waiting' | 'building' | 'drawing' | 'checking';
  /** Handouts done in this phase, of `total` (0 of 0 when the phase does not count them). */
  readonly done: number;
  readonly total: number;
}

export interface PreviewState {
  /** Counts the rebuilds. */
  readonly version: number;
  readonly handouts: readonly PreviewHandout[];
  /** Problems that belong to no single handout (the config, an unknown id). */
  readonly problems: readonly PreviewProblem[];
}

/** Files behind a handout's URLs; kept on the server, never sent to the browser. */
export interface HandoutFiles {
  readonly pdf: string | null;
  readonly pages: readonly string[];
}

export interface PreviewServer {
  readonly url: string;
  readonly port: number;
  readonly outDir: string;
  state(): PreviewState;
  /** What the preview is working on now; null when it is idle. */
  progress(): PreviewProgress | null;
  /** Resolves when the builds started so far (the first one begins as the server starts listening) are shown. */
  ready(): Promise<void>;
  /** Build what changed, redraw its proofs, check the project, and tell open pages; resolves to the changed keys. */
  refresh(): Promise<readonly string[]>;
  close(): Promise<void>;
}
