/** Print-shop output: bleed, crop marks and CMYK. All off gives the on-screen PDF. */
export interface PrintOptions {
  /** Bleed in points beyond the trim on every side (0 for none). */
  readonly bleed: number;
  /** Crop marks outside the trim (and outside the bleed). */
  readonly marks: boolean;
  /** Colors as CMYK; text that is (near) black as pure K. */
  readonly cmyk: boolean;
  /** Exact CMYK values (0–100) a clinic gave for its hex colors, by #RRGGBB. */
  readonly cmykColors: Readonly<Record<string, readonly [number, number, number, number]>>;
}

export interface RenderOptions {
  /** Image files' bytes by absolute path, read once per build. */
  readonly images: ReadonlyMap<string, Uint8Array>;
  /** Creation and modification date written into the PDF: fixed dates give byte-identical files. */
  readonly date: Date;
  readonly compress?: boolean;
  /** Hex digest written as the PDF's /ID; by default a hash of what the document draws. */
  readonly documentId?: string;
  /** Tagged PDF (PDF/UA) with a structure tree; on unless turned off. */
  readonly tagged?: boolean;
  /** PDF/A-2 (2a when tagged, else 2b): embedded fonts only, XMP identification, sRGB output intent. */
  readonly pdfa?: boolean;
  readonly print?: PrintOptions;
  /** The release version: the info dictionary's /Version and the XMP's xmpMM:VersionID. */
  readonly stamp?: string;
}

export const noPrint: PrintOptions = { bleed: 0, marks: false, cmyk: false, cmykColors: {} };
