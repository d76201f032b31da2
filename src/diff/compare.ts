import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Canvas, createCanvas, ImageData } from '@napi-rs/canvas';
import pixelmatch from 'pixelmatch';
import { writeFileAtomic } from '../batch/write.js';
import { type DrawFailed, drawFailed } from '../proof/draw.js';
import { type OpenPdf, openPdf } from '../proof/rasterize.js';
import type { PageDiff, TextChange } from './types.js';
import { textChanges } from './words.js';

/** Two versions of one output (either may be missing) to compare page by page. */
export interface CompareTask {
  readonly old: string | null;
  readonly new: string | null;
  readonly dpi: number;
  /** Folder for this output's page images (names only in the result), or null to write none. */
  readonly imagesDir: string | null;
}

export type CompareResult =
  | {
      readonly type: 'compared';
      readonly oldPages: number | null;
      readonly newPages: number | null;
      readonly pages: readonly PageDiff[];
      readonly text: readonly TextChange[];
    }
  | DrawFailed;

/** Pixel colour distance below which two pixels count as the same (pixelmatch's scale, 0–1). */
const colourTolerance = 0.1;

/** Draw both versions, count the pixels that differ on each page (anti-aliasing ignored) and diff their words. */
export async function comparePdfs(task: CompareTask): Promise<CompareResult> {
  const opened: OpenPdf[] = [];
  try {
    const open = async (path: string | null) => {
      if (!path) return null;
      const pdf = await openPdf(readFileSync(path));
      opened.push(pdf);
      return pdf;
    };
    const [before, after] = [await open(task.old), await open(task.new)];
    // An added or removed output shows its first page only: enough to see what it is.
    const count = before && after ? Math.max(before.pages, after.pages) : 1;
    const pages: PageDiff[] = [];
    for (let number = 1; number <= count; number++) pages.push(await comparePage(before, after, number, task));
    // Pages that look the same carry the same words (save a different text layer, which this does not look for).
    const looksChanged = pages.some((page) => page.status !== 'same');
    const words = async (pdf: OpenPdf | null) => {
      if (!pdf || !before || !after || !looksChanged) return [];
      const all: string[] = [];
      for (let n = 1; n <= pdf.pages; n++) all.push(...(await pdf.words(n)));
      return all;
    };
    return {
      type: 'compared',
      oldPages: before?.pages ?? null,
      newPages: after?.pages ?? null,
      pages,
      text: textChanges(await words(before), await words(after)),
    };
  } catch (error) {
    return drawFailed(error);
  } finally {
    for (const pdf of opened) await pdf.close();
  }
}

async function comparePage(
  before: OpenPdf | null,
  after: OpenPdf | null,
  number: number,
  task: CompareTask,
): Promise<PageDiff> {
  const draw = (pdf: OpenPdf | null) => (pdf && number <= pdf.pages ? pdf.draw(number, task.dpi) : null);
  const [oldPage, newPage] = [await draw(before), await draw(after)];
  const save = (canvas: Canvas, side: string) => {
    if (!task.imagesDir) return undefined;
    const name = `page-${number}-${side}.png`;
    writeFileAtomic(join(task.imagesDir, name), canvas.encodeSync('png'));
    return name;
  };
  if (!oldPage || !newPage) {
    const only = (oldPage ?? newPage) as NonNullable<typeof oldPage>;
    const side = oldPage ? 'old' : 'new';
    const { width, height } = only.canvas;
    return {
      page: number,
      status: oldPage ? 'removed' : 'added',
      pixels: width * height,
      ratio: 1,
      width,
      height,
      images: { [side]: save(only.canvas, side) },
    };
  }
  const width = Math.max(oldPage.canvas.width, newPage.canvas.width);
  const height = Math.max(oldPage.canvas.height, newPage.canvas.height);
  const [oldPixels, newPixels] = [pixelsOf(oldPage.canvas, width, height), pixelsOf(newPage.canvas, width, height)];
  // Most pages of a changed file are identical: a byte comparison settles those at once.
  const bytes = (pixels: Uint8ClampedArray) => Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  if (bytes(oldPixels).equals(bytes(newPixels)))
    return { page: number, status: 'same', pixels: 0, ratio: 0, width, height, images: {} };
  const output = new Uint8ClampedArray(width * height * 4);
  const pixels = pixelmatch(oldPixels, newPixels, output, width, height, {
    threshold: colourTolerance,
    includeAA: false,
    alpha: 0.25,
  });
  if (pixels === 0) return { page: number, status: 'same', pixels, ratio: 0, width, height, images: {} };
  const highlight = createCanvas(width, height);
  const context = highlight.getContext('2d');
  context.putImageData(new ImageData(output, width, height), 0, 0);
  // A frame around the changed region: a changed word is a few pixels, easy to miss on a whole page.
  const region = changedRegion(output, width, height);
  if (region) {
    context.strokeStyle = '#d40000';
    context.lineWidth = 2;
    context.strokeRect(region.x - 5, region.y - 5, region.width + 10, region.height + 10);
  }
  return {
    page: number,
    status: 'changed',
    pixels,
    ratio: pixels / (width * height),
    width,
    height,
    images: {
      old: save(oldPage.canvas, 'old'),
      new: save(newPage.canvas, 'new'),
      diff: save(highlight, 'diff'),
    },
  };
}

/** The box around every pixel pixelmatch painted in its difference colour (pure red). */
function changedRegion(output: Uint8ClampedArray, width: number, height: number) {
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (output[i] !== 255 || output[i + 1] !== 0 || output[i + 2] !== 0) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return right < 0 ? null : { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/** A canvas's RGBA pixels on a white field of the given size (pages of two sizes are compared corner to corner). */
function pixelsOf(canvas: Canvas, width: number, height: number): Uint8ClampedArray {
  const context = canvas.getContext('2d');
  if (canvas.width === width && canvas.height === height) return context.getImageData(0, 0, width, height).data;
  const padded = createCanvas(width, height);
  const target = padded.getContext('2d');
  target.fillStyle = '#ffffff';
  target.fillRect(0, 0, width, height);
  target.drawImage(canvas, 0, 0);
  return target.getImageData(0, 0, width, height).data;
}
