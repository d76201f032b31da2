import type { ReleaseRecord } from './types.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The link to a PDF: each path segment URL-encoded (clinic and article ids are file names). */
const href = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/**
 * index.html: every handout by clinic with its title, language, pages, a thumbnail and a link. One file with
 * nothing to fetch (styles inline, thumbnails as data URIs), so it opens from a zip or a share as it is.
 */
export function releaseIndex(
  record: ReleaseRecord,
  clinicNames: ReadonlyMap<string, string>,
  thumbnails: ReadonlyMap<string, string>,
): string {
  const clinics = [...new Set(record.outputs.map((o) => o.clinic))].sort();
  const sections = clinics.map((clinic) => {
    const zip = record.zips.find((z) => z.clinic === clinic);
    const items = record.outputs
      .filter((o) => o.clinic === clinic)
      .map((o) => {
        const thumb = thumbnails.get(o.path);
        const image = thumb ? `<img src="${thumb}" alt="" width="96">` : '<span class="none">no preview</span>';
        const pages = `${o.pages} ${o.pages === 1 ? 'page' : 'pages'}`;
        return `<li><a href="${href(o.path)}">${image}<span class="title" lang="${escapeHtml(o.language)}">${escapeHtml(o.title)}</span></a><span class="meta">${escapeHtml(o.template)} · ${escapeHtml(o.language)} · ${pages}</span></li>`;
      });
    const download = zip ? ` <a class="zip" href="${href(zip.path)}">${escapeHtml(zip.path)}</a>` : '';
    return `<section><h2>${escapeHtml(clinicNames.get(clinic) ?? clinic)}${download}</h2><ul>${items.join('')}</ul></section>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Handouts ${escapeHtml(record.version)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
h2{border-bottom:1px solid #ccc;padding-bottom:.3rem}
.zip{font-size:.8em;font-weight:normal;margin-left:1rem}
ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1.2rem}
li{width:12rem}
li a{display:block;color:#0b5cad;text-decoration:none}
img{display:block;border:1px solid #bbb;margin-bottom:.4rem;background:#fff}
.title{display:block;font-weight:600}
.meta,.none{display:block;color:#555;font-size:.85em}
</style>
</head>
<body>
<h1>Handouts ${escapeHtml(record.version)}</h1>
<p>Released ${escapeHtml(record.date.slice(0, 10))} with Handout Press ${escapeHtml(record.tool)}; ${record.outputs.length} handouts. What changed: <a href="CHANGES.md">CHANGES.md</a>.</p>
${sections.join('\n')}
</body>
</html>
`;
}
