import { html, type SafeHtml } from '../shared/html.js';
import type { PreviewHandout, PreviewProblem, PreviewProgress, PreviewState } from './types.js';

export interface GalleryFilters {
  readonly clinic: string;
  readonly article: string;
  readonly template: string;
  /** '' (any), 'errors', 'warnings' or 'none'. */
  readonly problem: string;
}

/** The whole document around a page's main content; the content alone is what live updates replace. */
export function documentPage(
  title: string,
  main: SafeHtml,
  state: PreviewState,
  progress: PreviewProgress | null,
): SafeHtml {
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
<div class="work">
<p id="status" role="status" aria-live="polite">${progressText(progress)}</p>
<progress id="progress" aria-label="Progress" max="${progress?.total || 1}"${progress?.total ? html` value="${progress.done}"` : ''}${progress ? '' : html` hidden`}></progress>
</div>
</header>
<main id="main" tabindex="-1">${main}</main>
<footer class="bottom"><p>Served from this computer only; pages update by themselves when a file changes.</p></footer>
</body>
</html>
`;
}

/** What the preview is doing, in a few words: the status line of every page. */
export function progressText(progress: PreviewProgress | null): string {
  if (progress === null) return 'Up to date';
  const count = progress.total > 0 ? `: ${progress.done} of ${progress.total}` : '';
  if (progress.phase === 'planning') return 'Reading the project…';
  if (progress.phase === 'waiting') return 'Waiting for another build of this project to finish…';
  if (progress.phase === 'building') return `Building handouts${count}…`;
  if (progress.phase === 'drawing') return `Drawing pages${count}…`;
  return 'Checking the project…';
}

export function galleryMain(state: PreviewState, filters: GalleryFilters): SafeHtml {
  // Version 0: the project is still being read; the plan replaces this within moments.
  if (state.version === 0) return html`<h1>Handouts</h1><p class="summary" id="summary">Reading the project…</p>`;
  const shown = state.handouts.filter((h) => matches(h, filters));
  const failed = state.handouts.filter((h) => h.status === 'failed').length;
  const pending = state.handouts.filter((h) => h.status === 'pending').length;
  // Chosen by id, shown by name; two ids with the same name are told apart by their id.
  const options = (pairs: (readonly [string, string])[], selected: string, all: string) => {
    const names = new Map(pairs);
    const uses = new Map<string, number>();
    for (const name of names.values()) uses.set(name, (uses.get(name) ?? 0) + 1);
    const labels = [...names].map(([id, name]) => [id, (uses.get(name) ?? 0) > 1 ? `${name} (${id})` : name] as const);
    labels.sort((a, b) => a[1].localeCompare(b[1]));
    return html`<option value="">${all}</option>${labels.map(([id, label]) => html`<option value="${id}"${id === selected ? html` selected` : ''}>${label}</option>`)}`;
  };
  const notes = [failed > 0 && `${failed} could not be built`, pending > 0 && `${pending} not built yet`].filter(
    Boolean,
  );
  return html`<h1>Handouts</h1>
<p class="summary" id="summary">${shown.length} of ${state.handouts.length} handouts shown${notes.length > 0 ? `; ${notes.join(', ')}` : ''}.</p>
<form class="filters" method="get" action="/" role="search" aria-label="Filter handouts">
<label>Clinic <select name="clinic">${options(
    state.handouts.map((h) => [h.clinic, h.clinicName] as const),
    filters.clinic,
    'All clinics',
  )}</select></label>
<label>Article <select name="article">${options(
    state.handouts.map((h) => [h.article, h.title] as const),
    filters.article,
    'All articles',
  )}</select></label>
<label>Template <select name="template">${options(
    state.handouts.map((h) => [h.template, h.template] as const),
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
    ? html`<img src="${first.src}" width="${first.width}" height="${first.height}" alt="${pageAlt(h, 1)}">`
    : h.status === 'pending'
      ? html`<div class="waiting"><strong>Not built yet</strong><span>It appears here once it is built and drawn.</span></div>`
      : html`<div class="broken"><strong>Not built</strong>${errors[0] ? html`<span>${errors[0].place}: ${errors[0].message}</span>` : ''}</div>`;
  return html`<li class="card ${h.status}" data-key="${h.key}" data-version="${h.version}">
<a href="${h.href}">
${picture}
<span class="name">${h.title}</span>
<span class="meta">${h.clinicName} · ${h.template}${h.pages.length ? ` · ${h.pages.length} ${h.pages.length === 1 ? 'page' : 'pages'}` : ''}</span>
<span class="ids">${h.key}</span>
${errors.length > 0 && html`<span class="badge error">${errors.length} ${errors.length === 1 ? 'error' : 'errors'}</span>`}
${warnings > 0 && html`<span class="badge warning">${warnings} ${warnings === 1 ? 'warning' : 'warnings'}</span>`}
</a>
</li>`;
}

/** A page image's alt text: which handout (its title and clinic, the template when not the usual one) and which page. */
export function pageAlt(h: PreviewHandout, page: number): string {
  const template = h.template === 'handout' ? [] : [h.template];
  return [h.title, h.clinicName, ...template, `page ${page} of ${h.pages.length}`].join(', ');
}

export function handoutMain(h: PreviewHandout): SafeHtml {
  const first = h.pages[0];
  return html`<p><a href="/">← All handouts</a></p>
<div data-key="${h.key}" data-version="${h.version}" class="handout ${h.status}">
<h1>${h.title} <span class="sub">${h.clinicName} · ${h.template}</span></h1>
<p class="ids">${h.key}</p>
<dl class="facts">
<div><dt>Status</dt><dd>${statusOf(h)}</dd></div>
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
      html`<li id="page-${i + 1}" tabindex="-1"><img src="${p.src}" width="${p.width}" height="${p.height}" alt="${pageAlt(h, i + 1)}"></li>`,
  )}</ol></section>`
}
</div>`;
}

function statusOf(h: PreviewHandout): string {
  if (h.status === 'built') return 'Built';
  if (h.status === 'pending') return 'Not built yet: the preview is building it';
  return 'Not built: see the problems below';
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
