import type { Diagnostic } from '../errors.js';
import type { ShapedGlyph } from '../fonts/types.js';
import type { DocumentInfo } from '../spec/types.js';

/** Standard structure types of tagged PDF that layout produces. */
export type StructRole =
  | 'Document'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Figure'
  | 'Caption'
  | 'BlockQuote'
  | 'Div'
  | 'Span'
  | 'Table'
  | 'THead'
  | 'TBody'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Note';

/** The document's logical structure, in reading order: what a screen reader follows. */
export interface StructNode {
  readonly id: number;
  readonly role: StructRole;
  /** Alternative text (figures). */
  readonly alt: string | null;
  /** Language of the element's content when it differs from the document's (/Lang). */
  readonly lang?: string | null;
  /** Which cells a header cell (TH) is the header of: its column's or its row's. */
  readonly scope?: 'Column' | 'Row' | undefined;
  /** The element's identifier (/ID), unique in the document: a Note's, which its references point to. */
  readonly elementId?: string | undefined;
  /** A list's numbering (/ListNumbering in its List attributes): its labels' kind. */
  readonly numbering?: 'Disc' | 'Decimal' | undefined;
  readonly children: StructNode[];
}

interface Tagged {
  /** The structure node this box's content belongs to; null for artifacts (decoration, running headers, page numbers). */
  readonly node: number | null;
}

/** Coordinates are PDF points from the page's top-left corner. */
export interface TextBox extends Tagged {
  readonly kind: 'text';
  readonly x: number;
  /** The baseline. */
  readonly y: number;
  /** The face to draw with, by content (the sha256 of its font file, as the spec read it). */
  readonly font: string;
  readonly size: number;
  readonly color: string;
  /**
   * The glyphs, drawn one after another from x, exactly as layout measured them (a justified space's
   * advance includes its stretch). Each says which source text it stands for.
   */
  readonly glyphs: readonly ShapedGlyph[];
  /** The text the box stands for: its glyphs' texts joined, word spaces included; a hyphen layout added at a line end is U+00AD. */
  readonly text: string;
  /** From x to the end of the last visible glyph. */
  readonly width: number;
  /** A web address, or `#name` for an anchor in the document (a note). */
  readonly href: string | null;
  /** The language of a phrase in another language than its paragraph, else null. */
  readonly lang: string | null;
  /**
   * A right-to-left run (UAX #9): its glyphs, still in reading order, are drawn leftwards from x + width,
   * the first at the right; spaces ending it fall left of x.
   */
  readonly rtl?: true;
  /** Which paragraph or heading of the document the line belongs to (numbered in document order). */
  readonly block: number;
  /** The heading level when the line is part of a heading. */
  readonly heading: number | null;
  /** Running header or footer text (or a table header repeated on a new page): not in the article's reading order. */
  readonly artifact: boolean;
}
export interface RectBox extends Tagged {
  readonly kind: 'rect';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fill: string | null;
  readonly stroke: string | null;
  readonly lineWidth: number;
  readonly radius: number;
  /** The rectangle to paint instead for the print shop (`--bleed`): a band inset on screen runs to the paper's edge. */
  readonly bleed?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}
export interface ImageBox extends Tagged {
  readonly kind: 'image';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly src: string;
  readonly alt: string;
}
export interface QrBox extends Tagged {
  readonly kind: 'qr';
  readonly x: number;
  readonly y: number;
  readonly size: number;
  /** Modules per side, and the dark modules row by row (1 = dark). */
  readonly modules: number;
  readonly dark: readonly number[];
  readonly color: string;
  readonly alt: string;
}

/** A small vector drawing (an icon): SVG path data in a 24 × 24 box, scaled to `size`. */
export interface PathBox extends Tagged {
  readonly kind: 'path';
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly shapes: readonly { readonly d: string; readonly fill: string }[];
}

/** A named place links inside the document lead to (a note's first line): drawn as nothing. */
export interface AnchorBox extends Tagged {
  readonly kind: 'anchor';
  readonly x: number;
  readonly y: number;
  readonly name: string;
}

export type Box = TextBox | RectBox | ImageBox | QrBox | PathBox | AnchorBox;

export interface LaidOutPage {
  readonly boxes: readonly Box[];
}

/** The whole document laid out: pages of positioned boxes, nothing left to measure. */
export interface LaidOutDocument {
  readonly width: number;
  readonly height: number;
  readonly info: DocumentInfo;
  readonly pages: readonly LaidOutPage[];
  /** The structure tree, rooted at a Document node, in reading order. */
  readonly structure: StructNode;
  /** What layout tells the user: notes (the size `fit` chose) and warnings (a last page nearly empty), each placed. */
  readonly notes: readonly Diagnostic[];
}
