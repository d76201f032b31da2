import type { Diagnostic } from '../errors.js';
import type { LabelOverrides } from '../shared/labels.js';

export interface Logo {
  /** Absolute path of the logo file. */
  readonly path: string;
  readonly format: 'png' | 'jpeg' | 'svg';
  /** Intrinsic size in pixels (SVG: user units). */
  readonly width: number;
  readonly height: number;
  /** The line of the clinic file that names the logo, where its problems are reported. */
  readonly line: number | null;
}

export interface BrandColors {
  /** The brand's colors exactly as the clinic gave them, as #RRGGBB. */
  readonly primary: string;
  readonly accent: string;
  /** The primary color, darkened if needed so text in it reaches 4.5:1 on white. */
  readonly primaryText: string;
  /** The accent color, darkened if needed for text on white. */
  readonly accentText: string;
  /** The primary color, darkened if needed so rules and thin lines reach 3:1 on white. */
  readonly primaryRule: string;
  /** Black or white, whichever reads better on a primary-colored band. */
  readonly onPrimary: string;
  /** A pale tint of the primary color for callout backgrounds (dark text stays readable on it). */
  readonly primaryTint: string;
  /** Exact CMYK values (0–100) the clinic gave for print, by #RRGGBB. */
  readonly cmyk: Readonly<Record<string, readonly [number, number, number, number]>>;
}

export interface Contact {
  readonly phone: string | null;
  readonly email: string | null;
  readonly website: string | null;
  readonly booking: string | null;
  readonly address: string | null;
}

/** A font family of the clinic's own: its family name (as templates name it) and the file of each style. */
export interface BrandFont {
  readonly name: string;
  /** Absolute paths; a style the clinic did not give is drawn in the nearest one it did. */
  readonly regular: string;
  readonly bold: string;
  readonly italic: string;
  readonly boldItalic: string;
}

/** A clinic's brand with defaults applied. Optional fields are null so strict templates can test them. */
export interface Brand {
  readonly id: string;
  readonly file: string;
  readonly name: string;
  readonly tagline: string | null;
  /** A shorter name for running heads, when the full name is long. */
  readonly shortName: string | null;
  /** The language the clinic's name and tagline are written in, when it may differ from the article's. */
  readonly lang: string | null;
  readonly logo: Logo | null;
  readonly colors: BrandColors;
  readonly contact: Contact;
  readonly page: 'Letter' | 'A4';
  /** The clinic's own fonts, or null where the template's are used. */
  readonly fonts: { readonly body: BrandFont | null; readonly heading: BrandFont | null };
  /** Languages the clinic serves (it gets only articles in these), or null for every language. */
  readonly languages: readonly string[] | null;
  /** The clinic's own wording of the templates' fixed words, by language (over the project's and the built-in). */
  readonly labels: LabelOverrides;
  /** Advisory notes found while reading the brand, e.g. a color darkened for contrast (each at its line). */
  readonly warnings: readonly Diagnostic[];
  /** The line of each top-level key of the clinic file (name, tagline, contact, ...), for `source="clinic:LINE"`. */
  readonly lines: Readonly<Record<string, number>>;
}
