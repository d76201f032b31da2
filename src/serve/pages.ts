import { html, type SafeHtml } from '../shared/html.js';
import type { PreviewHandout, PreviewProblem, PreviewState } from './types.js';

export interface GalleryFilters {
  readonly clinic: string;
  readonly article: string;
  readonly template: string;
  /** '' (any), 'errors', 'warnings' or 'none'. */
  readonly problem: string;
}

/** The whole document around a page's main content; the content alone is what live updates replace. */
export function documentPage(title: string, main: SafeHtml, state: PreviewState): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Handout Press preview</title>
<link rel="stylesheet" href="/assets/style.css">
<script type="module" src="/assets/app.js"></script>
</head>
<body data-version="${state.version}">
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<p class="brand"><a href="/">Handout Press preview</a></p>
<p id="status" role="status" aria-live="polite">Up to date</p>
</header>
<main id="main" tabindex="-1">${main}</main>
<footer class="bottom"><p>Served from this computer only; pages update by themselves when a file changes.</p></footer>
</body>
</html>
`;
}

export function galleryMain(state: PreviewState, filters: GalleryFilters): SafeHtml {
  const shown = state.handouts.filter((h) => matches(h, filters));
  const failed = state.handouts.filter((h) => h.status === 'failed').length;
  const options = (values: string[], selected: string, all: string) =>
    html`<option value="">${all}</option>${[...new Set(values)].sort().map((v) => html`<option value="${v}"${v === selected ? html` selected` : ''}>${v}</option>`)}`;
  return html`<h1>Handouts</h1>
<p class="summary" id="summary">${shown.length} of ${state.handouts.length} handouts shown${failed > 0 ? `; ${failed} could not be built` : ''}.</p>
<form class="filters" method="get" action="/" role="search" aria-label="Filter handouts">
<label>Clinic <select name="clinic">${options(
    state.handouts.map((h) => h.clinic),
    filters.clinic,
    'All clinics',
  )}</select></label>
<label>Article <select name="article">${options(
    state.handouts.map((h) => h.article),
    filters.article,
    'All articles',
  )}</select></label>
<label>Template <select name="template">${options(
    state.handouts.map((h) => h.template),
    filters.template,
    'All templates',
  )}</select></label>
<label>Problems <select name="problem">
<option value="">Any</option>
<option value="errors"${filters.problem === 'errors' ? html` selected` : ''}>With errors</option>
<option value="warnings"${filters.problem === 'warnings' ? html` selected` : ''}>With warnings</option>
<option value="none"${filters.problem === 'none' ? html` selected` : ''}>No problems</option>
</select></label>
<button type="submit">Filter</button>
</form>
<div id="project-problems">${problemList(state.problems, 'Project problems', 'project-problems-title')}</div>
<ul class="gallery" aria-label="Handouts">${shown.map(card)}</ul>`;
}

export function card(h: PreviewHandout): SafeHtml {
  const errors = h.problems.filter((p) => p.severity === 'error');
  const warnings = h.problems.length - errors.length;
  const first = h.pages[0];
  const picture = first
    ? html`<img src="${first.src}" width="${first.width}" height="${first.height}" alt="Page 1 of ${h.article}, ${h.template}, for ${h.clinic}">`
    : html`<div class="broken"><strong>Not built</strong>${errors[0] ? html`<span>${errors[0].place}: ${errors[0].message}</span>` : ''}</div>`;
  return html`<li class="card ${h.status}" data-key="${h.key}" data-version="${h.version}">
<a href="${h.href}">
${picture}
<span class="name">${h.article}</span>
<span class="meta">${h.clinic} · ${h.template}${h.pages.length ? ` · ${h.pages.length} ${h.pages.length === 1 ? 'page' : 'pages'}` : ''}</span>
${errors.length > 0 && html`<span class="badge error">${errors.length} ${errors.length === 1 ? 'error' : 'errors'}</span>`}
${warnings > 0 && html`<span class="badge warning">${warnings} ${warnings === 1 ? 'warning' : 'warnings'}</span>`}
</a>
</li>`;
}

export function handoutMain(h: PreviewHandout): SafeHtml {
  const first = h.pages[0];
  return html`<p><a href="/">← All handouts</a></p>
<div data-key="${h.key}" data-version="${h.version}" class="handout ${h.status}">
<h1>${h.article} <span class="sub">${h.template} · ${h.clinic}</span></h1>
<dl class="facts">
<div><dt>Status</dt><dd>${h.status === 'built' ? 'Built' : 'Not built: see the problems below'}</dd></div>
${h.pages.length > 0 && html`<div><dt>Pages</dt><dd>${h.pages.length}</dd></div>`}
${first && html`<div><dt>Page size</dt><dd>${pageSize(first.widthPt, first.heightPt)}</dd></div>`}
${h.bytes !== null && html`<div><dt>File size</dt><dd>${Math.round(h.bytes / 1024)} KB</dd></div>`}
${h.readability && html`<div><dt>Readability</dt><dd>${h.readability}</dd></div>`}
${h.pdf && html`<div><dt>PDF</dt><dd><a href="${h.pdf}">${h.output}</a></dd></div>`}
</dl>
${problemList(h.problems, 'Problems', 'problems')}
${
  h.pages.length > 0 &&
  html`<section aria-labelledby="pages-title"><h2 id="pages-title">Pages</h2>
<nav aria-label="Pages" class="page-links">${h.pages.map((_, i) => html`<a href="#page-${i + 1}">Page ${i + 1}</a>`)}</nav>
<ol class="pages">${h.pages.map(
    (p, i) =>
      html`<li id="page-${i + 1}" tabindex="-1"><img src="${p.src}" width="${p.width}" height="${p.height}" alt="Page ${i + 1} of ${h.pages.length} of ${h.article}, ${h.template}, for ${h.clinic}"></li>`,
  )}</ol></section>`
}
</div>`;
}

function problemList(problems: readonly PreviewProblem[], title: string, id: string): SafeHtml | false {
  if (problems.length === 0) return false;
  return html`<section class="problems" aria-labelledby="${id}"><h2 id="${id}">${title}</h2><ul>${problems.map(
    (p) =>
      html`<li class="${p.severity}"><code>${p.place}</code> <strong>${p.severity} ${p.code}</strong>: ${p.message}${p.hint && html`<br><span class="hint">hint: ${p.hint}</span>`}</li>`,
  )}</ul></section>`;
}

function matches(h: PreviewHandout, f: GalleryFilters): boolean {
  if (f.clinic && h.clinic !== f.clinic) return false;
  if (f.article && h.article !== f.article) return false;
  if (f.template && h.template !== f.template) return false;
  const errors = h.status === 'failed' || h.problems.some((p) => p.severity === 'error');
  if (f.problem === 'errors') return errors;
  if (f.problem === 'warnings') return h.problems.some((p) => p.severity === 'warning');
  if (f.problem === 'none') return h.problems.length === 0 && !errors;
  return true;
}

function pageSize(width: number, height: number): string {
  const near = (a: number, b: number) => Math.abs(a - b) < 2;
  const [short, long] = [Math.min(width, height), Math.max(width, height)];
  const turned = width > height ? ' landscape' : '';
  if (near(short, 612) && near(long, 792)) return `US Letter${turned}, 8.5 × 11 in`;
  if (near(short, 595.28) && near(long, 841.89)) return `A4${turned}, 210 × 297 mm`;
  return `${(width / 72).toFixed(2)} × ${(height / 72).toFixed(2)} in`;
}
