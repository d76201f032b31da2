import { imageSize } from 'image-size';
import { PNG } from 'pngjs';
import { jpegProblem } from './jpeg-check.js';
import { limits } from './limits.js';

export type RasterFormat = 'png' | 'jpeg';

export type RasterCheck =
  | { readonly ok: true; readonly format: RasterFormat; readonly width: number; readonly height: number }
  | {
      readonly ok: false;
      readonly code: 'image-invalid' | 'image-too-large' | 'image-damaged';
      readonly problem: string;
      /** Set when the file is a PNG or JPEG, but one that cannot be drawn. */
      readonly format?: RasterFormat;
    };

/** Is this a whole PNG or JPEG within the pixel limit? The same rule for an image file and a picture inside an SVG. */
export function checkRaster(bytes: Uint8Array): RasterCheck {
  let size: ReturnType<typeof imageSize> | undefined;
  try {
    size = imageSize(bytes);
  } catch {
    size = undefined;
  }
  const format = size?.type === 'png' ? 'png' : size?.type === 'jpg' ? 'jpeg' : null;
  if (!size || !format || !size.width || !size.height)
    return { ok: false, code: 'image-invalid', problem: 'is not a PNG or JPEG picture' };
  if (size.width * size.height > limits.imagePixels) {
    return {
      ok: false,
      code: 'image-too-large',
      problem: `is ${size.width} × ${size.height} pixels; the limit is ${limits.imagePixels / 1e6} megapixels`,
    };
  }
  if (format === 'jpeg') {
    const problem = jpegProblem(bytes);
    if (problem) return { ok: false, format, ...problem };
  }
  const damage = format === 'png' ? pngDamage(bytes) : null;
  if (damage) return { ok: false, code: 'image-damaged', problem: damage };
  return { ok: true, format, width: size.width, height: size.height };
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
