import { readFileSync } from 'node:fs';
import { imageSize } from 'image-size';
import { PNG } from 'pngjs';
import { HandoutError } from '../errors.js';
import { limits } from './limits.js';

export type ImageFormat = 'png' | 'jpeg' | 'svg';

export interface ImageInfo {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
}

const formats: Record<string, ImageFormat> = { png: 'png', jpg: 'jpeg', svg: 'svg' };

/** Identify an image by its bytes (not its name) and read its intrinsic size. */
export function probeImage(bytes: Uint8Array, file: string, what: string, place: { line?: number } = {}): ImageInfo {
  let result: ReturnType<typeof imageSize> | undefined;
  try {
    result = imageSize(bytes);
  } catch {
    result = undefined;
  }
  const format = result?.type ? formats[result.type] : undefined;
  if (!result || !format || !result.width || !result.height) {
    throw new HandoutError({
      code: 'image-invalid',
      message: `${what} is not a PNG, JPEG or SVG image${result?.type ? ` (found ${result.type})` : ''}`,
      file,
      line: place.line,
      hint: 'Export the image as PNG, JPEG or SVG.',
    });
  }
  const where = { file, line: place.line };
  if (result.width * result.height > limits.imagePixels) {
    throw new HandoutError({
      code: 'image-too-large',
      message: `${what} is ${result.width} × ${result.height} pixels; the limit is ${limits.imagePixels / 1e6} megapixels`,
      ...where,
      hint: 'Scale it down: 300 dpi at its printed size is plenty (a 2-inch logo needs 600 pixels).',
    });
  }
  const damage = format === 'png' ? pngDamage(bytes) : format === 'jpeg' ? jpegDamage(bytes) : svgDanger(bytes);
  if (damage) {
    throw new HandoutError({
      code: format === 'svg' ? 'svg-unsafe' : 'image-damaged',
      message: `${what}: ${damage}`,
      ...where,
      hint:
        format === 'svg'
          ? 'Export the SVG again as a plain drawing (no scripts, no links to other files), or use a PNG.'
          : 'Export the image again; the file may have been cut short while copying.',
    });
  }
  return { format, width: result.width, height: result.height };
}

/** A PNG must decode completely: a truncated one has a readable header but missing pixels. */
function pngDamage(bytes: Uint8Array): string | null {
  try {
    PNG.sync.read(Buffer.from(bytes));
    return null;
  } catch (error) {
    return `the PNG is damaged or truncated (${(error as Error).message})`;
  }
}

function jpegDamage(bytes: Uint8Array): string | null {
  const end = bytes.length;
  // A whole JPEG ends with the end-of-image marker (some writers pad a few bytes after it).
  for (let i = end - 2; i >= Math.max(0, end - 64); i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return null;
  return 'the JPEG is truncated (no end-of-image marker)';
}

/** SVG is a program as much as a picture: scripts, event handlers and links to other files are refused. */
function svgDanger(bytes: Uint8Array): string | null {
  const text = Buffer.from(bytes).toString('utf8');
  if (/<script[\s>]/i.test(text)) return 'the SVG contains a script';
  if (/<foreignObject[\s>]/i.test(text)) return 'the SVG embeds foreign (HTML) content';
  if (/<!ENTITY/i.test(text)) return 'the SVG declares XML entities';
  if (/\son[a-z]+\s*=/i.test(text)) return 'the SVG has event handlers (on... attributes)';
  const external = /(?:xlink:)?href\s*=\s*["']\s*(?!#|data:image\/)([^"']+)["']/i.exec(text);
  if (external) return `the SVG refers to another file or address (${(external[1] as string).slice(0, 60)})`;
  if (/url\(\s*["']?\s*(?!#)[^)]+\)/i.test(text)) return 'the SVG refers to another file or address in a url()';
  return null;
}

export function readImageFile(path: string, referencedFrom: string, what: string, line?: number): Uint8Array {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new HandoutError({
      code: 'image-missing',
      message: `${what} not found: ${path}`,
      file: referencedFrom,
      line,
      hint: 'Paths are relative to the file that names them; check the spelling and the folder.',
      cause,
    });
  }
}
