import { createHash } from 'node:crypto';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { HandoutError } from '../errors.js';
import { type FaceId, type Font, faceFile, loadFont, openFace } from '../fonts/index.js';
import type { Box, ImageBox, LaidOutDocument, PathBox, QrBox, RectBox, TextBox } from '../layout/types.js';
import { sha256 } from '../shared/confined-read.js';
import { embeddingAllowed } from '../shared/font-catalog.js';
import { packageRoot } from '../shared/package-root.js';
import { paint } from './color.js';
import { DocumentFont } from './document-font.js';
import { fillOperator, glyphRunOperators } from './glyph-run.js';
import { pngForDocument } from './png-image.js';
import { cropMarks, extendIntoBleed, type PrintGeometry, pageBoxes, printGeometry } from './print.js';
import { Tagger } from './structure.js';
import { svgTextFace } from './svg-text-font.js';
import { noPrint, type PrintOptions, type RenderOptions } from './types.js';

export type { PrintOptions, RenderOptions } from './types.js';

/** PNGs already embedded in this document, by path. */
type PngCache = Map<string, ReturnType<typeof pngForDocument>>;

/** Draw a laid-out document with PDFKit. Every decision was made by layout: this only draws. */
export function renderPdf(document: LaidOutDocument, options: RenderOptions): Promise<Uint8Array> {
  const { info } = document;
  const tagged = options.tagged ?? true;
  const print = options.print ?? noPrint;
  const subset = options.pdfa ? (tagged ? 'PDF/A-2a' : 'PDF/A-2b') : tagged ? 'PDF/UA' : undefined;
  const doc = new PDFDocument({
    autoFirstPage: false,
    // No default Helvetica: parsing its metrics costs time and it must never be used unembedded.
    font: null as unknown as string,
    compress: options.compress ?? true,
    pdfVersion: '1.7',
    lang: info.lang,
    displayTitle: true,
    tagged,
    ...(subset ? { subset } : {}),
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Keywords: info.keywords,
      Creator: 'Handout Press',
      Producer: 'Handout Press (PDFKit)',
      CreationDate: options.date,
      ModDate: options.date,
      ...(options.stamp ? { Version: options.stamp } : {}),
    },
  } as PDFKit.PDFDocumentOptions);
  // PDFKit derives /ID from the info dictionary; without an id given, it follows the content (set at the end).
  const contentHash = options.documentId
    ? null
    : createHash('sha256').update(JSON.stringify([info, document.width, document.height]));
  if (contentHash) {
    const addContent = doc.addContent.bind(doc);
    doc.addContent = (data: string) => {
      contentHash.update(data);
      return addContent(data);
    };
  }
  // Long operator strings go in as bytes: PDFKit converts strings character by character.
  const writeContent = (data: string) => {
    contentHash?.update(data);
    (doc.page as unknown as { write(chunk: Uint8Array): void }).write(Buffer.from(`${data}\n`, 'latin1'));
  };
  // A right-to-left document reads and pages from the right: viewers lay out two-up spreads that way.
  if (info.dir === 'rtl') {
    const root = (doc as unknown as { _root: { data: { ViewerPreferences: { data: Record<string, unknown> } } } })
      ._root;
    root.data.ViewerPreferences.data.Direction = 'R2L';
  }
  // PDF/A-2a with tags is also PDF/UA: say so in the metadata beside the PDF/A identification.
  if (options.pdfa && tagged) (doc as unknown as { appendXML(xml: string): void }).appendXML(pdfuaIdentification);
  if (options.stamp) (doc as unknown as { appendXML(xml: string): void }).appendXML(versionXmp(options.stamp));
  const done = collectOutput(doc);
  const pngs: PngCache = new Map();
  const fonts = new Map<string, DocumentFont>();
  // Faces by content, as layout names them: the fonts measured are the fonts embedded.
  const fontFor = (face: FaceId) => {
    let font = fonts.get(face);
    if (!font) {
      const parsed = loadFont(face);
      if (options.pdfa) refuseUnembeddable(parsed, faceFile(face));
      font = new DocumentFont(doc, parsed, face, `F${fonts.size + 1}`);
      fonts.set(face, font);
    }
    return font;
  };
  let svgFontName: string | null = null;
  // Text inside an SVG logo is drawn by svg-to-pdfkit through PDFKit's own text machinery.
  const svgFont = () => {
    if (!svgFontName) {
      svgFontName = 'SVGText';
      doc.registerFont(svgFontName, svgTextFace(loadFont(openFace(svgTextFont))) as unknown as string);
    }
    return svgFontName;
  };
  const tagger = tagged ? new Tagger(doc, document.structure) : null;
  const geometry = printGeometry(document, print);
  const noteLinks = info.noteLinks ?? { note: 'Note', back: 'Back to the text' };
  const context: DrawContext = { doc, options, print, fontFor, pngs, svgFont, writeContent, noteLinks };
  for (const page of document.pages) {
    doc.addPage({ size: [geometry.width, geometry.height], margin: 0 });
    const pageData = doc.page.dictionary.data as Record<string, unknown>;
    // Screen readers move through annotations (links) in the order of the structure.
    if (tagged) pageData.Tabs = 'S';
    if (print.bleed > 0 || print.marks) Object.assign(pageData, pageBoxes(document, geometry, print.bleed));
    doc.save();
    if (geometry.offset) doc.translate(geometry.offset, geometry.offset);
    for (const raw of page.boxes) {
      const box = extendIntoBleed(raw, document, print.bleed);
      // PDFKit turns y around for destinations but does not apply the translation above.
      if (box.kind === 'anchor')
        doc.addNamedDestination(box.name, 'XYZ', box.x + geometry.offset, box.y + geometry.offset, null);
      else if (!tagger) drawBox(context, box);
      else if (box.kind === 'text' && box.href)
        tagger.link(box.node, box.href, (link) => drawText(context, box, link), box.href.startsWith('#'));
      else {
        tagger.enter(box.node, box.kind === 'text' ? box.lang : null);
        drawBox(context, box);
      }
    }
    tagger?.endPage();
    doc.restore();
    if (print.marks) {
      tagger?.enter(null);
      drawCropMarks(doc, document, geometry, print);
      tagger?.leave();
    }
  }
  tagger?.end();
  for (const font of fonts.values()) font.embed();
  // Images by content, not path: the same document built in another folder gets the same /ID.
  const imageHash = (src: string) => sha256(options.images.get(src) ?? new Uint8Array());
  contentHash?.update(
    JSON.stringify([[...fonts.keys()], [...pngs.keys()].map(imageHash), [...options.images.keys()].map(imageHash)]),
  );
  (doc as unknown as { _id: Buffer })._id = Buffer.from(
    (options.documentId ?? contentHash?.digest('hex') ?? '').slice(0, 32),
    'hex',
  );
  doc.end();
  return done;
}

/**
 * PDF/UA identification for a PDF/A file. PDF/A admits only XMP properties it predefines or that the file
 * describes in an extension schema (ISO 19005-2 §6.6.2.3), so the pdfuaid schema is described first.
 */
/**
 * The document's bytes. PDFKit passes every piece of output through a stream, one push per object part,
 * converting strings character by character; collecting the pieces directly is the same bytes, sooner.
 */
function collectOutput(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  // The header PDFKit wrote while it was being constructed is already in its stream.
  for (let chunk = doc.read() as Uint8Array | null; chunk !== null; chunk = doc.read() as Uint8Array | null) {
    chunks.push(chunk);
  }
  const writer = doc as unknown as { _write(data: unknown): void; _offset: number };
  writer._write = (data: unknown) => {
    const bytes = data instanceof Uint8Array ? data : Buffer.from(`${data}\n`, 'latin1');
    chunks.push(bytes);
    writer._offset += bytes.length;
  };
  return new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.resume();
  });
}

const pdfuaIdentification = `
        <rdf:Description rdf:about=""
            xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
            xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
            xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
                <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>part</pdfaProperty:name>
                                    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>The part of ISO 14289 (PDF/UA) the file conforms to</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>
        <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        `;

/** The release version in XMP Media Management's VersionID, a schema PDF/A predefines (no extension needed). */
function versionXmp(stamp: string): string {
  const text = stamp.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `
        <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
            <xmpMM:VersionID>${text}</xmpMM:VersionID>
        </rdf:Description>
        `;
}

/** Text inside an SVG logo is drawn in an embedded font, never a standard one PDF/A forbids. */
const svgTextFont = join(packageRoot, 'fonts', 'dejavu', 'DejaVuSans.ttf');

/** A font whose licence forbids embedding (OS/2 fsType "restricted") cannot go into a PDF/A. */
function refuseUnembeddable(font: Font, path: string): void {
  if (!embeddingAllowed(font)) {
    throw new HandoutError({
      code: 'pdfa-font',
      message: "the font's licence forbids embedding it, so the PDF cannot be PDF/A",
      file: path,
      hint: 'Use a font whose licence allows embedding (every open-licensed font does), or build without --pdfa.',
    });
  }
}

function drawCropMarks(
  doc: PDFKit.PDFDocument,
  document: LaidOutDocument,
  geometry: PrintGeometry,
  print: PrintOptions,
) {
  doc.save();
  doc.lineWidth(0.25);
  for (const [x1, y1, x2, y2] of cropMarks(document, geometry, print.bleed)) doc.moveTo(x1, y1).lineTo(x2, y2);
  doc.stroke(print.cmyk ? [100, 100, 100, 100] : '#000000');
  doc.restore();
}

type NoteLinkWords = { readonly note: string; readonly back: string };

interface DrawContext {
  readonly doc: PDFKit.PDFDocument;
  readonly noteLinks: NoteLinkWords;
  readonly options: RenderOptions;
  readonly print: PrintOptions;
  readonly fontFor: (face: FaceId) => DocumentFont;
  readonly writeContent: (operators: string) => void;
  readonly pngs: PngCache;
  readonly svgFont: () => string;
}

function drawBox(context: DrawContext, box: Box): void {
  switch (box.kind) {
    case 'text':
      drawText(context, box, undefined);
      break;
    case 'rect':
      drawRect(context, box);
      break;
    case 'image':
      drawImage(context, box);
      break;
    case 'qr':
      drawQr(context, box);
      break;
    case 'path':
      drawPath(context, box);
      break;
    case 'anchor':
      break;
  }
}

/** An icon: its shapes scaled from their 24 × 24 box. */
function drawPath(context: DrawContext, box: PathBox): void {
  const { doc } = context;
  doc.save();
  doc.translate(box.x, box.y).scale(box.size / 24);
  for (const shape of box.shapes) doc.path(shape.d).fill(paint(shape.fill, context.print, false) as string);
  doc.restore();
}

/** `link` null: a link drawn as plain text (tagged page furniture); undefined: an untagged document's link. */
function drawText(context: DrawContext, box: TextBox, link?: PDFKit.PDFStructureElement | null): void {
  const { doc } = context;
  const font = context.fontFor(box.font);
  (doc.page as unknown as { fonts: Record<string, PDFKit.PDFKitReference> }).fonts[font.name] = font.ref;
  context.writeContent(glyphRunOperators(box, font, fillOperator(paint(box.color, context.print, true))));
  if (box.href && link !== null) {
    // The link area covers the text from ascender to descender; `#name` leads to a place in the document.
    const options = {
      ...(link ? { structParent: link } : {}),
      Contents: new String(linkDescription(box, context.noteLinks)),
    } as never;
    const area = [box.x, box.y - box.size * 0.95, box.width, box.size * 1.25] as const;
    if (box.href.startsWith('#')) doc.goTo(...area, box.href.slice(1), options);
    else doc.link(...area, box.href, options);
  }
}

/**
 * What a screen reader says for a link annotation: a note's reference "Note 1", a note's number "Back to the
 * text (Note 1)" (a place in the document has no address worth reading), a web link its text and address.
 */
function linkDescription(box: TextBox, words: NoteLinkWords): string {
  const text = box.text.trim();
  if (!box.href?.startsWith('#')) return `${text} (${box.href})`;
  const note = `${words.note} ${text.replace(/[.)]$/, '')}`;
  return box.href.endsWith('-ref') ? `${words.back} (${note})` : note;
}

function drawRect(context: DrawContext, box: RectBox): void {
  const { doc } = context;
  const fill = box.fill ? (paint(box.fill, context.print, false) as string) : null;
  const stroke = box.stroke ? (paint(box.stroke, context.print, false) as string) : null;
  doc.save();
  if (box.radius > 0) doc.roundedRect(box.x, box.y, box.width, box.height, box.radius);
  else doc.rect(box.x, box.y, box.width, box.height);
  if (fill && stroke) doc.lineWidth(box.lineWidth).fillAndStroke(fill, stroke);
  else if (fill) doc.fill(fill);
  else if (stroke) doc.lineWidth(box.lineWidth).stroke(stroke);
  doc.restore();
}

function drawImage(context: DrawContext, box: ImageBox): void {
  const { doc, options, pngs } = context;
  const bytes = options.images.get(box.src);
  if (!bytes) throw new Error(`image bytes missing for ${box.src}`);
  if (isSvg(bytes)) {
    SVGtoPDF(doc, Buffer.from(bytes).toString('utf8'), box.x, box.y, {
      width: box.width,
      height: box.height,
      preserveAspectRatio: 'xMidYMid meet',
      fontCallback: context.svgFont,
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
function drawQr(context: DrawContext, box: QrBox): void {
  const { doc } = context;
  const unit = box.size / (box.modules + 8);
  doc.save();
  doc.rect(box.x, box.y, box.size, box.size).fill(paint('#FFFFFF', context.print, false) as string);
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
  doc.fill(paint(box.color, context.print, true) as string);
  doc.restore();
}
