// Apart from font-catalog.ts, so the library's published types never reach fontkit's.
/** One face of a font file as `handout fonts` lists it and the fallback chain uses it. */
export interface FontFace {
  readonly family: string;
  /** The face's own style name ("Regular", "Bold Italic"). */
  readonly style: string;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly format: 'TrueType' | 'OpenType/CFF' | 'WOFF' | 'WOFF2';
  /** Absolute path of the file. */
  readonly file: string;
  /** The face's place in a collection (.ttc/.otc), 0 for a single-face file. */
  readonly index: number;
  /** False when the licence flags (OS/2 fsType) forbid embedding the font in a document. */
  readonly embeddable: boolean;
  /** The scripts whose everyday letters the face has, by name ("Latin", "Han", "Arabic"). */
  readonly scripts: readonly string[];
}

/** Four faces under one family name, as a template's <font> declares them. */
export interface FaceFamily {
  readonly name: string;
  readonly regular: string;
  readonly bold: string;
  readonly italic: string;
  readonly boldItalic: string;
}
