/** Limits that turn hostile or broken input into a clear error instead of a hang or a crash. */
export const limits = {
  /** Bytes in an article file. */
  articleBytes: 2 * 1024 * 1024,
  /** Bytes in a clinic file, the config, a template file or a file to import. */
  textBytes: 2 * 1024 * 1024,
  /** Bytes in an image or font file. */
  binaryBytes: 64 * 1024 * 1024,
  /** Lists and quotes inside each other. */
  nesting: 8,
  /** Pixels in one image (width × height), embedded pictures in an SVG included. */
  imagePixels: 40_000_000,
  /** Pages one handout may have. */
  pages: 500,
  /** Bytes of YAML in one file or front matter. */
  yamlBytes: 256 * 1024,
  /** YAML nodes after aliases are expanded (an "alias bomb" expands a few lines into billions). */
  yamlNodes: 10_000,
  /** Elements an SVG may draw, counting every copy a <use> makes. */
  svgElements: 20_000,
  /** Elements inside each other in an SVG. */
  svgDepth: 64,
  /** Elements inside each other in an imported web page. */
  htmlDepth: 256,
  /** Seconds one handout may take in a worker before it is stopped. */
  handoutSeconds: 60,
  /** Heap one worker may use, in MB. */
  workerHeapMb: 192,
  /** Bytes in a build manifest (one of 20,000 outputs is about 8 MB: the limit is about 150,000 outputs). */
  manifestBytes: 64 * 1024 * 1024,
  /** Pixels one page may be drawn at in a proof or a diff (a 17 × 11 in page at 300 dpi is 17 million). */
  pagePixels: 40_000_000,
  /** Bleed for the print shop, in points: half an inch (0.125 in or 3 mm is usual). */
  bleedPoints: 36,
} as const;

/**
 * A size and the limit it is over, as a person reads them: kilobytes under a megabyte, megabytes above, and
 * exact bytes when rounding would show the two as equal ("2 MB; the limit is 2 MB").
 */
export function sizeOverLimit(size: number, limit: number): { readonly size: string; readonly limit: string } {
  const rounded = (n: number) =>
    n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${Number((n / 1024 / 1024).toFixed(1))} MB`;
  if (rounded(size) !== rounded(limit)) return { size: rounded(size), limit: rounded(limit) };
  const exact = (n: number) => `${n.toLocaleString('en-US')} bytes`;
  return { size: exact(size), limit: exact(limit) };
}
