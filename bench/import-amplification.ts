// The two pages of issue 19's "import amplification", imported in-process: time, output size and memory.
// Run: node --import tsx bench/import-amplification.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandoutError } from '../src/errors.js';
import { importArticle } from '../src/import/index.js';

const folder = mkdtempSync(join(tmpdir(), 'handout-import-bench-'));
const page = (body: string) =>
  `<html lang="en"><head><title>Bench</title></head><body><article><h1>Bench</h1><p>An opening paragraph of plain words.</p>${body}</article></body></html>`;
const row = (i: number) => `<tr><td colspan="1000" rowspan="65534">cell ${i}</td><td>x</td></tr>`;
const rows = Math.floor(147_000 / row(100).length);
const cases: [string, string][] = [
  [
    `table of ${rows} rows, colspan=1000 rowspan=65534`,
    page(`<table>${Array.from({ length: rows }, (_, i) => row(i)).join('')}</table>`),
  ],
  ...[17_500, 35_000, 70_000, 140_000].map((n): [string, string] => [
    `${n.toLocaleString('en-US')} <span>s in one paragraph`,
    page(`<p>${'<span>a</span>'.repeat(n)}</p>`),
  ]),
];
for (const [name, html] of cases) {
  const file = join(folder, 'page.html');
  writeFileSync(file, html);
  const start = performance.now();
  let outcome: string;
  try {
    outcome = `${Math.round(importArticle(file).markdown.length / 1024)} KB article`;
  } catch (error) {
    outcome = error instanceof HandoutError ? `refused: ${error.code}` : String(error);
  }
  const ms = Math.round(performance.now() - start);
  console.log(
    `${name} (${Math.round(html.length / 1024)} KB page): ${ms} ms, ${outcome}, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
  );
}
rmSync(folder, { recursive: true, force: true });
