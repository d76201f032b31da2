import { imageSize } from 'image-size';
import { HandoutError } from '../errors.js';
import { checkRaster } from './raster.js';
import { SvgRefused, sanitizeSvg } from './svg.js';

export type ImageFormat = 'png' | 'jpeg' | 'svg';

export interface ImageInfo {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
}

/** An image checked for drawing: its size, and the bytes to draw (for an SVG, the rebuilt, allow-listed file). */
export interface CheckedImage {
  readonly info: ImageInfo;
  readonly bytes: Uint8Array;
}

/** Identify an image by its bytes (not its name) and read its intrinsic size. */
export function probeImage(bytes: Uint8Array, file: string, what: string, place: { line?: number } = {}): ImageInfo {
  return checkImage(bytes, file, what, place).info;
}

/** Check an image completely: a whole PNG or JPEG within the pixel limit, or an SVG rebuilt from safe parts. */
export function checkImage(bytes: Uint8Array, file: string, what: string, place: { line?: number } = {}): CheckedImage {
  const where = { file, line: place.line };
  if (looksLikeSvg(bytes)) {
    let svg: string;
    try {
      svg = sanitizeSvg(Buffer.from(bytes).toString('utf8'));
    } catch (error) {
      if (!(error instanceof SvgRefused)) throw error;
      throw new HandoutError({
        code: error.code,
        message: `${what}: ${error.message}`,
        ...where,
        hint:
          error.code === 'svg-too-complex'
            ? 'Simplify the drawing (or flatten it in the editor), or use a PNG.'
            : 'Export the SVG again as a plain drawing (no scripts, no links to other files), or use a PNG.',
      });
    }
    const clean = Buffer.from(svg, 'utf8');
    const size = svgSize(clean);
    if (!size) {
      throw new HandoutError({
        code: 'image-invalid',
        message: `${what}: the SVG has no size (give its <svg> a width and height, or a viewBox)`,
        ...where,
        hint: 'Export the SVG again with its size set.',
      });
    }
    return { info: { format: 'svg', ...size }, bytes: clean };
  }
  const raster = checkRaster(bytes);
  if (!raster.ok) {
    const found = foundType(bytes);
    throw new HandoutError({
      code: raster.code,
      message:
        raster.code === 'image-invalid' && !raster.format
          ? `${what} is not a PNG, JPEG or SVG image${found ? ` (found ${found})` : ''}`
          : `${what}${raster.code === 'image-damaged' ? ':' : ''} ${raster.problem}`,
      ...where,
      hint:
        raster.code === 'image-too-large'
          ? 'Scale it down: 300 dpi at its printed size is plenty (a 2-inch logo needs 600 pixels).'
          : raster.code === 'image-damaged'
            ? 'Export the image again; the file may have been cut short while copying.'
            : raster.format
              ? 'Save it again as an ordinary 8-bit JPEG (colour, grey or CMYK), or as a PNG.'
              : 'Export the image as PNG, JPEG or SVG.',
    });
  }
  return { info: { format: raster.format, width: raster.width, height: raster.height }, bytes };
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  return foundType(bytes) === 'svg';
}

function foundType(bytes: Uint8Array): string | undefined {
  try {
    return imageSize(bytes).type;
  } catch {
    return undefined;
  }
}

function svgSize(bytes: Uint8Array): { width: number; height: number } | null {
  try {
    const { width, height } = imageSize(bytes);
    return width && height ? { width, height } : null;
  } catch {
    return null;
  }
}
