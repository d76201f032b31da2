import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Canvas, createCanvas, GlobalFonts, type Image, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import { assertInside, type PinnedFolder } from '../batch/output-folder.js';
import { writeFileAtomic } from '../batch/write.js';
import { renderSheetPdf } from '../render/sheet.js';
import { packageRoot } from '../shared/package-root.js';
import { type SheetPage, sheetMargin } from './sheet-layout.js';

const fontDir = join(packageRoot, 'fonts', 'atkinson-hyperlegible');
const regularFont = join(fontDir, 'AtkinsonHyperlegible-Regular.ttf');
const boldFont = join(fontDir, 'AtkinsonHyperlegible-Bold.ttf');
/** The sheet PNG's resolution (108 dpi: sharp enough to read labels in an e-mail, small enough to attach). */
const pixelsPerPoint = 1.5;
/** Thumbnails inside the PDF are kept at twice their size on the page, so they stay sharp when zoomed. */
const thumbPixelsPerPoint = 2;

let fontsRegistered = false;
function registerFonts(): void {
  if (fontsRegistered) return;
  GlobalFonts.registerFromPath(regularFont, 'Sheet Regular');
  GlobalFonts.registerFromPath(boldFont, 'Sheet Bold');
  fontsRegistered = true;
}

export interface SheetFiles {
  readonly images: readonly string[];
  readonly pdf: string;
}

/** A page image scaled down once for every sheet it appears on (its clinic's and its article's). */
interface Thumbnail {
  readonly canvas: Canvas;
  /** JPEG: PDFKit embeds it as it is, where a PNG would be decoded and compressed again. */
  readonly jpeg: Uint8Array;
}
export type ThumbnailCache = Map<string, Thumbnail>;

/** Draw a contact sheet as PNGs (base.png, base-2.png, …) and one PDF (base.pdf). */
export async function drawSheet(
  pages: readonly SheetPage[],
  base: string,
  thumbnails: ThumbnailCache,
  folder?: PinnedFolder,
): Promise<SheetFiles> {
  registerFonts();
  const thumbnailOf = async (file: string, width: number, height: number) => {
    const key = `${file} ${width.toFixed(2)}×${height.toFixed(2)}`;
    const cached = thumbnails.get(key);
    if (cached) return cached;
    const made = thumbnail(await loadImage(file), width, height);
    thumbnails.set(key, made);
    return made;
  };
  const files: string[] = [];
  const pdfPages = [];
  for (const [index, page] of pages.entries()) {
    const canvas = createCanvas(Math.round(page.width * pixelsPerPoint), Math.round(page.height * pixelsPerPoint));
    const context = canvas.getContext('2d');
    context.scale(pixelsPerPoint, pixelsPerPoint);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, page.width, page.height);
    context.imageSmoothingQuality = 'high';
    writeText(context, 'Sheet Bold', 15, '#111111', page.title, sheetMargin, sheetMargin, page.width - 2 * sheetMargin);
    const cells = [];
    for (const cell of page.cells) {
      const small = await thumbnailOf(cell.image, cell.width, cell.height);
      context.drawImage(small.canvas, cell.x, cell.y, cell.width, cell.height);
      context.strokeStyle = '#9a9a9a';
      context.lineWidth = 0.5;
      context.strokeRect(cell.x, cell.y, cell.width, cell.height);
      writeText(context, 'Sheet Bold', 8, '#111111', cell.label, cell.labelX, cell.labelY, cell.labelWidth);
      writeText(context, 'Sheet Regular', 7.5, '#444444', cell.detail, cell.labelX, cell.labelY + 11, cell.labelWidth);
      cells.push({ ...cell, jpeg: small.jpeg });
    }
    const footerY = page.height - sheetMargin - 10;
    writeText(
      context,
      'Sheet Regular',
      8.5,
      '#444444',
      page.footer,
      sheetMargin,
      footerY,
      page.width - 2 * sheetMargin,
    );
    const file = index === 0 ? `${base}.png` : `${base}-${index + 1}.png`;
    writeFileAtomic(file, canvas.encodeSync('png'), folder);
    files.push(file);
    pdfPages.push({ ...page, margin: sheetMargin, cells });
  }
  const pdf = await renderSheetPdf(pdfPages, {
    title: pages[0]?.title ?? 'Contact sheet',
    regularFont,
    boldFont,
    date: new Date(Date.UTC(2000, 0, 1)),
  });
  writeFileAtomic(`${base}.pdf`, pdf, folder);
  return { images: files, pdf: `${base}.pdf` };
}

/** Remove sheet images a longer earlier sheet left behind. */
export function removeSheetImages(files: readonly string[], keep: readonly string[], folder?: PinnedFolder): void {
  for (const file of files) {
    if (keep.includes(file)) continue;
    if (folder) assertInside(folder, file);
    rmSync(file, { force: true });
  }
}

function thumbnail(image: Image, width: number, height: number): Thumbnail {
  const canvas = createCanvas(
    Math.max(1, Math.round(width * thumbPixelsPerPoint)),
    Math.max(1, Math.round(height * thumbPixelsPerPoint)),
  );
  const context = canvas.getContext('2d');
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return { canvas, jpeg: canvas.encodeSync('jpeg', 88) };
}

/** One line of text from its top-left corner, shortened with an ellipsis to fit the width. */
function writeText(
  context: SKRSContext2D,
  font: string,
  size: number,
  color: string,
  text: string,
  x: number,
  y: number,
  width: number,
): void {
  context.font = `${size}px '${font}'`;
  context.fillStyle = color;
  context.textBaseline = 'top';
  let shown = text;
  while (shown.length > 1 && context.measureText(shown).width > width) shown = `${shown.slice(0, -2)}…`;
  context.fillText(shown, x, y);
}
