import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { readConfined } from '../shared/confined-read.js';
import { html, type SafeHtml } from '../shared/html.js';
import { packageRoot } from '../shared/package-root.js';
import type { EventHub } from './events.js';
import { documentPage, type GalleryFilters, galleryMain, handoutMain, progressText } from './pages.js';
import type { HandoutFiles, PreviewProgress, PreviewState } from './types.js';

export interface RouteContext {
  readonly state: () => PreviewState;
  readonly files: () => ReadonlyMap<string, HandoutFiles>;
  /** The output folder: every file served resolves (after links) inside it. */
  readonly outDir: () => string;
  readonly progress: () => PreviewProgress | null;
  readonly hub: EventHub;
  /** Host headers this server answers (127.0.0.1:port, localhost:port): a page of another site cannot reach it. */
  readonly hosts: readonly string[];
}

const assets: Record<string, string> = {
  '/assets/app.js': 'text/javascript; charset=utf-8',
  '/assets/style.css': 'text/css; charset=utf-8',
};

const headers = {
  'Content-Security-Policy':
    "default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/** Every address the preview answers; nothing else on the computer is reachable through it. */
export async function route(request: IncomingMessage, response: ServerResponse, context: RouteContext): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'Only GET');
  if (!context.hosts.includes(request.headers.host ?? '')) return send(response, 403, 'text/plain', 'Unknown host');
  const url = new URL(request.url ?? '/', 'http://preview');
  const fragment = url.pathname.startsWith('/fragment/');
  const path = fragment ? url.pathname.slice('/fragment'.length) : url.pathname;
  const state = context.state();
  const progress = context.progress();
  const page = (title: string, main: SafeHtml) =>
    send(
      response,
      200,
      'text/html; charset=utf-8',
      (fragment ? main : documentPage(title, main, state, progress)).text,
    );
  if (path === '/') return page('Handouts', galleryMain(state, filtersOf(url)));
  const contentType = assets[path];
  if (contentType && !fragment)
    return send(response, 200, contentType, await readFile(join(packageRoot, 'preview', basename(path))));
  if (path === '/events')
    return context.hub.open(response, {
      version: state.version,
      progress: progress && { ...progress, text: progressText(progress) },
    });
  if (path === '/api/state') return send(response, 200, 'application/json', JSON.stringify({ ...state, progress }));
  const [kind, ...rest] = path.slice(1).split('/');
  let parts: string[];
  try {
    parts = rest.map(decodeURIComponent);
  } catch {
    return notFound(response, state);
  }
  if (kind === 'handout') {
    const handout = state.handouts.find((h) => h.key === parts.join('/'));
    return handout ? page(handout.title, handoutMain(handout)) : notFound(response, state);
  }
  if (kind === 'image') {
    // Files are looked up by handout and page number, never by a path taken from the address.
    const file = context.files().get(parts.slice(0, -1).join('/'))?.pages[Number(parts.at(-1)) - 1];
    return file ? sendFile(response, file, 'image/png', context.outDir()) : notFound(response, state);
  }
  if (kind === 'pdf') {
    const file = context.files().get(parts.join('/'))?.pdf;
    return file ? sendFile(response, file, 'application/pdf', context.outDir()) : notFound(response, state);
  }
  return notFound(response, state);
}

function filtersOf(url: URL): GalleryFilters {
  const get = (name: string) => url.searchParams.get(name) ?? '';
  return { clinic: get('clinic'), article: get('article'), template: get('template'), problem: get('problem') };
}

function notFound(response: ServerResponse, state: PreviewState): void {
  const main = html`<h1>Not found</h1><p>Nothing is at this address. <a href="/">See all handouts</a>.</p>`;
  send(response, 404, 'text/html; charset=utf-8', documentPage('Not found', main, state, null).text);
}

async function sendFile(response: ServerResponse, file: string, type: string, outDir: string): Promise<void> {
  let data: Buffer;
  try {
    // A regular file inside the output folder, opened without following a link: a page swapped for a link
    // to any other file is never served.
    data = readConfined(file, { roots: [outDir], what: 'preview file' }).bytes;
  } catch {
    // Rebuilt in the meantime: the page will be told to fetch the new one.
    return send(response, 404, 'text/plain', 'Gone; the page will update');
  }
  send(response, 200, type, data);
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
