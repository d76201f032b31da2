export interface RenderOptions {
  /** Image files' bytes by absolute path, read once per build. */
  readonly images: ReadonlyMap<string, Uint8Array>;
  /** Creation and modification date written into the PDF: fixed dates give byte-identical files. */
  readonly date: Date;
  readonly compress?: boolean;
  /** Hex digest written as the PDF's /ID; by default a hash of the laid-out document. */
  readonly documentId?: string;
}
