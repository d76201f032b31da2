import { HandoutError } from '../errors.js';

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
  /** Memory a worker may use beyond its heap, in MB: the runtime, decoded images, page canvases, buffers. */
  workerNativeMb: 512,
  /** Bytes in a build manifest (one of 20,000 outputs is about 8 MB: the limit is about 150,000 outputs). */
  manifestBytes: 64 * 1024 * 1024,
  /** Bytes one compressed stream of a PDF drawn in a proof or a diff may inflate to (a 40-megapixel CMYK image is 160 MB). */
  pdfStreamBytes: 256 * 1024 * 1024,
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

/** The time and memory budget of each handout built, laid out or drawn: the limits, or the environment's. */
export function workBudget(env: NodeJS.ProcessEnv = process.env): {
  readonly seconds: number;
  readonly heapMb: number;
} {
  return {
    seconds: positive(env, 'HANDOUT_BUDGET_SECONDS') ?? limits.handoutSeconds,
    heapMb: positive(env, 'HANDOUT_BUDGET_MB') ?? limits.workerHeapMb,
  };
}

function positive(env: NodeJS.ProcessEnv, name: string): number | null {
  const value = env[name];
  if (value === undefined || value === '') return null;
  const number = Number(value);
  if (Number.isFinite(number) && number > 0) return number;
  // A budget that is not a number would be no budget at all: refused, never ignored.
  throw new HandoutError({
    code: 'usage',
    message: `${name} is "${value}": it must be a number above 0`,
    file: name,
    hint: `Leave it unset for the default (${name === 'HANDOUT_BUDGET_MB' ? `${limits.workerHeapMb} MB` : `${limits.handoutSeconds} s`}).`,
  });
}
