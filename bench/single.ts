import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { readArticle } from '../src/content/index.js';
import type { Block, Inline } from '../src/content/types.js';
import { layoutHandout, readBrand, renderPdf } from '../src/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const fonts = `${root}fonts/atkinson-hyperlegible/AtkinsonHyperlegible`;
const date = new Date('2026-01-01T00:00:00Z');

async function average(runs: number, fn: () => unknown): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - start) / runs;
}

const plain = (inlines: readonly Inline[]) => inlines.map((i) => (i.type === 'text' ? i.text : '\n')).join('');

/** The same article drawn the way PDFKit is usually used: its own text() flow, wrapping and paging. */
function pdfkitFlow(blocks: readonly Block[], title: string, parsedFonts: boolean): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 65, info: { CreationDate: date, ModDate: date } });
  const face = (name: string) =>
    parsedFonts ? fontkit.create(readFileSync(`${fonts}-${name}.ttf`)) : `${fonts}-${name}.ttf`;
  doc.registerFont('Body', face('Regular') as string);
  doc.registerFont('Bold', face('Bold') as string);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Bold').fontSize(26).text(title).moveDown(0.5);
  const draw = (block: Block) => {
    if (block.type === 'heading') doc.font('Bold').fontSize(18).text(plain(block.inlines), { paragraphGap: 6 });
    else if (block.type === 'paragraph')
      doc.font('Body').fontSize(13).text(plain(block.inlines), { lineGap: 5.85, paragraphGap: 9 });
    else if (block.type === 'list')
      doc
        .font('Body')
        .fontSize(13)
        .list(
          block.items.map((item) => item.blocks.map((b) => (b.type === 'paragraph' ? plain(b.inlines) : '')).join(' ')),
          { lineGap: 5.85, paragraphGap: 4 },
        );
    else if (block.type === 'quote') block.blocks.forEach(draw);
  };
  blocks.forEach(draw);
  doc.end();
  return done;
}

/** One handout, warm, in one process, and the same text through PDFKit's own text() flow. */
export async function benchSingle(runs = 40) {
  const article = readArticle(`${root}content/articles/acupuncture-knee-pain.md`);
  const rows: Record<string, string | number>[] = [];
  for (const clinic of ['harbor-wellness', 'ridgeline-integrative']) {
    const brand = readBrand(`${root}content/clinics/${clinic}.yaml`);
    const input = { root, article, brand, template: 'handout' };
    const layoutMs = await average(runs, () => layoutHandout(input));
    const laid = layoutHandout(input);
    const renderMs = await average(runs, () => renderPdf(laid.document, { images: laid.images, date }));
    const pdf = await renderPdf(laid.document, { images: laid.images, date });
    rows.push({
      what: `Handout Press, ${clinic}`,
      pages: laid.document.pages.length,
      'ms/handout': +(layoutMs + renderMs).toFixed(1),
      'layout ms': +layoutMs.toFixed(1),
      'render ms': +renderMs.toFixed(1),
      KB: Math.round(pdf.length / 1024),
    });
  }
  for (const parsed of [false, true]) {
    const pdf = await pdfkitFlow(article.blocks, article.title, parsed);
    const ms = await average(runs, () => pdfkitFlow(article.blocks, article.title, parsed));
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    rows.push({
      what: `PDFKit text() flow, text only, fonts ${parsed ? 'parsed per document from bytes' : 'by path (as usually used)'}`,
      pages,
      'ms/handout': +ms.toFixed(1),
      'layout ms': '',
      'render ms': '',
      KB: Math.round(pdf.length / 1024),
    });
  }
  return rows;
}
