import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { writeFileAtomic } from '../batch/write.js';
import { html, type SafeHtml } from '../shared/html.js';
import type { DiffReport, OutputDiff, PageDiff } from './types.js';

/** Marks a report this tool wrote, so its old images may be cleared before a new one is written. */
const generator = 'handout-press diff report';

/** Write index.html beside the images folder: old, new and highlighted difference of every changed page. */
export function writeReport(report: DiffReport, dir: string): void {
  const file = join(dir, 'index.html');
  writeFileAtomic(file, page(report, dir).text);
}

/** Images of an earlier report in the same folder would otherwise pile up; only our own report's are removed. */
export function clearOldReport(dir: string): void {
  const file = join(dir, 'index.html');
  if (existsSync(file) && readFileSync(file, 'utf8').includes(generator))
    rmSync(join(dir, 'images'), { recursive: true, force: true });
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.001 ? 3 : 2)}%`;
const anchor = (output: string) => `o-${output.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

/** A folder or file as the report names it: relative to the report, so the page says the same in any checkout. */
const fromReport = (dir: string, path: string) => relative(dir, path).split(sep).join('/') || '.';

function page(report: DiffReport, dir: string): SafeHtml {
  const shown = report.outputs.filter((o) => o.status !== 'unchanged');
  const { counts } = report;
  const verdict = report.significant
    ? `${shown.filter((o) => o.significant).length} handouts changed beyond the threshold: review them below.`
    : 'Nothing changed beyond the threshold.';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="${generator}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Handout diff: ${counts.changed} changed, ${counts.added} added, ${counts.removed} removed</title>
<style>${style}</style>
</head>
<body>
<header>
<h1>Handout diff</h1>
<p class="verdict ${report.significant ? 'bad' : 'good'}">${verdict}</p>
<dl class="counts">
<div><dt>Changed</dt><dd>${counts.changed}</dd></div>
<div><dt>Added</dt><dd>${counts.added}</dd></div>
<div><dt>Removed</dt><dd>${counts.removed}</dd></div>
<div><dt>Unchanged</dt><dd>${counts.unchanged}</dd></div>
</dl>
<p class="meta">Old: <code>${fromReport(dir, report.old)}</code><br>New: <code>${fromReport(dir, report.new)}</code><br>
Pages compared at ${report.dpi} dpi; threshold ${percent(report.threshold)} of a page's pixels.</p>
${report.errors.length > 0 && html`<section class="errors" aria-labelledby="errors"><h2 id="errors">Could not compare</h2><ul>${report.errors.map((e) => html`<li><code>${fromReport(dir, e.file)}</code>: ${e.message}</li>`)}</ul></section>`}
</header>
<nav aria-label="Changed handouts">
<h2>Changed handouts</h2>
${shown.length === 0 ? html`<p>None.</p>` : html`<ul>${shown.map((o) => html`<li><a href="#${anchor(o.output)}">${o.output}</a> <span class="tag ${o.status}">${o.status}</span> ${o.status === 'changed' && html`${percent(o.ratio)}`}</li>`)}</ul>`}
</nav>
<main>
${groups(shown).map(
  ([clinic, articles]) => html`<section aria-labelledby="c-${anchor(clinic)}">
<h2 id="c-${anchor(clinic)}">Clinic ${clinic}</h2>
${articles.map(
  ([article, outputs]) => html`<section>
<h3>Article ${article}</h3>
${outputs.map(outputSection)}
</section>`,
)}
</section>`,
)}
${
  counts.unchanged > 0 &&
  html`<section aria-labelledby="unchanged"><h2 id="unchanged">Unchanged (same bytes, not drawn)</h2>
<details><summary>${counts.unchanged} handouts</summary><ul>${report.outputs
    .filter((o) => o.status === 'unchanged')
    .map((o) => html`<li>${o.output}</li>`)}</ul></details></section>`
}
</main>
</body>
</html>
`;
}

function outputSection(o: OutputDiff): SafeHtml {
  const changedPages = o.pages.filter((p) => p.status !== 'same');
  const facts =
    o.status === 'changed'
      ? `${o.template}; pages ${o.oldPages} → ${o.newPages}; ${changedPages.length === 0 ? 'no page looks different (only the bytes changed)' : `changed: page ${changedPages.map((p) => p.page).join(', ')}; at most ${percent(o.ratio)} of a page`}`
      : `${o.template}; ${o.status === 'added' ? `new, ${o.newPages} pages` : `removed, had ${o.oldPages} pages`}`;
  return html`<article id="${anchor(o.output)}" class="output">
<h4>${o.output} <span class="tag ${o.status}">${o.status}</span></h4>
<p>${facts}</p>
${changedPages.map((p) => figure(o, p))}
${
  o.text.length > 0 &&
  html`<h5>Text changes</h5><ul class="text">${o.text.map(
    (t) =>
      html`<li>… ${t.before} ${t.removed && html`<del>${t.removed}</del>`} ${t.added && html`<ins>${t.added}</ins>`} ${t.after} …</li>`,
  )}</ul>`
}
</article>`;
}

function figure(o: OutputDiff, p: PageDiff): SafeHtml {
  const image = (src: string | undefined, label: string) =>
    src
      ? html`<div class="shot"><span>${label}</span><img src="${src}" width="${p.width}" height="${p.height}" alt="${label} page ${p.page} of ${o.output}" loading="lazy"></div>`
      : html``;
  const caption =
    p.status === 'changed'
      ? `Page ${p.page}: ${p.pixels.toLocaleString('en-US')} pixels differ (${percent(p.ratio)})`
      : `Page ${p.page}: only in the ${p.status === 'added' ? 'new' : 'old'} build`;
  return html`<figure>
<div class="sides">${image(p.images.old, 'Old')}${image(p.images.new, 'New')}${image(p.images.diff, 'Difference')}</div>
<figcaption>${caption}</figcaption>
</figure>`;
}

function groups(outputs: readonly OutputDiff[]): [string, [string, OutputDiff[]][]][] {
  const byClinic = new Map<string, Map<string, OutputDiff[]>>();
  for (const o of outputs) {
    const articles = byClinic.get(o.clinic) ?? new Map<string, OutputDiff[]>();
    articles.set(o.article, [...(articles.get(o.article) ?? []), o]);
    byClinic.set(o.clinic, articles);
  }
  return [...byClinic.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([clinic, articles]) => [clinic, [...articles.entries()].sort(([a], [b]) => a.localeCompare(b))]);
}

const style = `
body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1400px;padding:0 1.5rem 3rem;color:#1a1a1a}
h1{margin:1.2rem 0 .4rem}h2{margin-top:2rem;border-bottom:2px solid #ddd}h4{margin:1.5rem 0 .3rem;font-size:1.1rem}
.verdict{font-weight:600;padding:.5rem .8rem;border-radius:4px}.verdict.bad{background:#fff1d6}.verdict.good{background:#e3f5e8}
.counts{display:flex;gap:2rem;margin:.6rem 0}.counts div{text-align:center}.counts dt{font-size:.85rem;color:#555}
.counts dd{margin:0;font-size:1.6rem;font-weight:700}.meta{color:#555;font-size:.9rem}
.tag{font-size:.75rem;text-transform:uppercase;padding:.1rem .4rem;border-radius:3px;background:#eee;color:#333}
.tag.changed{background:#fff1d6;color:#7a4b00}.tag.added{background:#e3f5e8;color:#1d5c2e}.tag.removed{background:#fde2e1;color:#8a1c16}
.sides{display:flex;gap:1rem;flex-wrap:wrap;align-items:flex-start}.shot{flex:1 1 0;min-width:200px}
.shot span{display:block;font-size:.85rem;font-weight:600;color:#444}.shot img{width:100%;height:auto;border:1px solid #bbb}
figure{margin:1rem 0 1.5rem}figcaption{font-size:.9rem;color:#444;margin-top:.3rem}
del{background:#fde2e1;color:#8a1c16}ins{background:#e3f5e8;color:#1d5c2e;text-decoration:none}
.text li{margin:.2rem 0}a:focus,summary:focus{outline:3px solid #1a73e8;outline-offset:2px}
`;
