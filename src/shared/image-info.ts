import { readFileSync } from 'node:fs';
import { imageSize } from 'image-size';
import { HandoutError } from '../errors.js';

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
  return { format, width: result.width, height: result.height };
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
