import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { loadFont } from '../fonts/index.js';
import type { Box, ImageBox, LaidOutDocument, QrBox, RectBox, TextBox } from '../layout/types.js';
import { pngForDocument } from './png-image.js';
import { withSharedShaping } from './shaping-cache.js';
import type { RenderOptions } from './types.js';

export type { RenderOptions } from './types.js';

/** PNGs already embedded in this document, by path. */
type PngCache = Map<string, ReturnType<typeof pngForDocument>>;

/** Draw a laid-out document with PDFKit. Every decision was made by layout: this only draws. */
export function renderPdf(document: LaidOutDocument, options: RenderOptions): Promise<Uint8Array> {
  const { info } = document;
  const doc = new PDFDocument({
    autoFirstPage: false,
    // No default Helvetica: parsing its metrics costs time and it must never be used unembedded.
    font: null as unknown as string,
    compress: options.compress ?? true,
    pdfVersion: '1.7',
    lang: info.lang,
    displayTitle: true,
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Keywords: info.keywords,
      Creator: 'Handout Press',
      Producer: 'Handout Press (PDFKit)',
      CreationDate: options.date,
      ModDate: options.date,
    },
  });
  // PDFKit derives /ID from the info dictionary; make it follow the content instead, so it is unique and stable.
  (doc as unknown as { _id: Buffer })._id = Buffer.from(
    (options.documentId ?? createHash('sha256').update(JSON.stringify(document)).digest('hex')).slice(0, 32),
    'hex',
  );
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const pngs: PngCache = new Map();
  const fontIds = new Map<string, string>();
  const fontId = (path: string) => {
    let id = fontIds.get(path);
    if (!id) {
      id = `F${fontIds.size + 1}`;
      // A parsed font is reused across documents: PDFKit only subsets it per document.
      doc.registerFont(id, withSharedShaping(loadFont(path)) as unknown as string);
      fontIds.set(path, id);
    }
    return id;
  };
  for (const page of document.pages) {
    doc.addPage({ size: [document.width, document.height], margin: 0 });
    for (const box of page.boxes) drawBox(doc, box, options, fontId, pngs);
  }
  doc.end();
  return done;
}

function drawBox(
  doc: PDFKit.PDFDocument,
  box: Box,
  options: RenderOptions,
  fontId: (path: string) => string,
  pngs: PngCache,
): void {
  switch (box.kind) {
    case 'text':
      drawText(doc, box, fontId);
      break;
    case 'rect':
      drawRect(doc, box);
      break;
    case 'image':
      drawImage(doc, box, options, pngs);
      break;
    case 'qr':
      drawQr(doc, box);
      break;
  }
}

function drawText(doc: PDFKit.PDFDocument, box: TextBox, fontId: (path: string) => string): void {
  doc.font(fontId(box.font)).fontSize(box.size).fillColor(box.color);
  doc.text(box.text, box.x, box.y, {
    lineBreak: false,
    baseline: 'alphabetic',
    ...(box.wordSpacing > 0 ? { wordSpacing: box.wordSpacing } : {}),
  });
  if (box.href) {
    // The link area covers the text from ascender to descender.
    doc.link(box.x, box.y - box.size * 0.95, box.width, box.size * 1.25, box.href);
  }
}

function drawRect(doc: PDFKit.PDFDocument, box: RectBox): void {
  doc.save();
  if (box.radius > 0) doc.roundedRect(box.x, box.y, box.width, box.height, box.radius);
  else doc.rect(box.x, box.y, box.width, box.height);
  if (box.fill && box.stroke) doc.lineWidth(box.lineWidth).fillAndStroke(box.fill, box.stroke);
  else if (box.fill) doc.fill(box.fill);
  else if (box.stroke) doc.lineWidth(box.lineWidth).stroke(box.stroke);
  doc.restore();
}

function drawImage(doc: PDFKit.PDFDocument, box: ImageBox, options: RenderOptions, pngs: PngCache): void {
  const bytes = options.images.get(box.src);
  if (!bytes) throw new Error(`image bytes missing for ${box.src}`);
  if (isSvg(bytes)) {
    SVGtoPDF(doc, Buffer.from(bytes).toString('utf8'), box.x, box.y, {
      width: box.width,
      height: box.height,
      preserveAspectRatio: 'xMidYMid meet',
    });
  } else if (isPng(bytes)) {
    let image = pngs.get(box.src);
    if (!image) {
      image = pngForDocument(bytes, `I${pngs.size + 1}`);
      pngs.set(box.src, image);
    }
    doc.image(image as unknown as Buffer, box.x, box.y, { width: box.width, height: box.height });
  } else {
    doc.image(Buffer.from(bytes), box.x, box.y, { width: box.width, height: box.height });
  }
}

function isPng(bytes: Uint8Array): boolean {
  return bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

function isSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart();
  return head.startsWith('<svg') || head.startsWith('<?xml');
}

/** A QR code as filled squares; the box includes the four-module quiet zone scanners need. */
function drawQr(doc: PDFKit.PDFDocument, box: QrBox): void {
  const unit = box.size / (box.modules + 8);
  doc.save();
  doc.rect(box.x, box.y, box.size, box.size).fill('#FFFFFF');
  for (let row = 0; row < box.modules; row++) {
    // Runs of dark modules become one rectangle: fewer operators and no hairline seams between them.
    let col = 0;
    while (col < box.modules) {
      if (!box.dark[row * box.modules + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < box.modules && box.dark[row * box.modules + col]) col++;
      doc.rect(box.x + (start + 4) * unit, box.y + (row + 4) * unit, (col - start) * unit, unit);
    }
  }
  doc.fill(box.color);
  doc.restore();
}
