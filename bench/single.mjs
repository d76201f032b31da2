// One handout, warm, in one process: time to lay out and to draw, pages and bytes, per sample clinic.
// Run: npm run bench (compiles first). Figures go in the README; tests never assert timings.
import { fileURLToPath } from 'node:url';
import { layoutHandout, readArticle, readBrand, renderPdf } from '../dist/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const article = readArticle(`${root}content/articles/acupuncture-knee-pain.md`);
const date = new Date('2026-01-01T00:00:00Z');

function timeIt(runs, fn) {
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - start) / runs;
}

async function timeAsync(runs, fn) {
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - start) / runs;
}

export async function benchSingle(runs = 50) {
  const rows = [];
  for (const clinic of ['harbor-wellness', 'ridgeline-integrative']) {
    const brand = readBrand(`${root}content/clinics/${clinic}.yaml`);
    const input = { root, article, brand, template: 'handout' };
    // Warm up: fonts parsed, templates compiled, word widths measured.
    for (let i = 0; i < 5; i++) {
      const laid = layoutHandout(input);
      await renderPdf(laid.document, { images: laid.images, date });
    }
    const layoutMs = timeIt(runs, () => layoutHandout(input));
    const laid = layoutHandout(input);
    const renderMs = await timeAsync(runs, () => renderPdf(laid.document, { images: laid.images, date }));
    const pdf = await renderPdf(laid.document, { images: laid.images, date });
    rows.push({
      clinic,
      pages: laid.document.pages.length,
      'layout ms': +layoutMs.toFixed(1),
      'render ms': +renderMs.toFixed(1),
      'total ms': +(layoutMs + renderMs).toFixed(1),
      'ms/page': +((layoutMs + renderMs) / laid.document.pages.length).toFixed(1),
      KB: Math.round(pdf.length / 1024),
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('One handout (sample article), warm, in one process:');
  console.table(await benchSingle());
}
