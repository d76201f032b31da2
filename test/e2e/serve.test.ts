import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockOutput } from '../../src/batch/lock.js';
import { manifestName } from '../../src/batch/manifest.js';
import { HandoutError } from '../../src/errors.js';
import { type PreviewServer, serveProject } from '../../src/serve/index.js';
import { cli } from '../helpers/cli.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const parseHtml = (text: string): Root => fromParse5(parse(text)) as Root;
const attribute = (node: unknown, name: string) => String((node as Element).properties[name]);
const page = async (url: string) => {
  const response = await fetch(url);
  return { response, tree: parseHtml(await response.text()) };
};

/** A raw request, so the Host header and method can be anything. */
function raw(url: string, options: { method?: string; host?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: options.method ?? 'GET',
        headers: options.host ? { host: options.host } : {},
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Read a server-sent event stream in the background; `until` waits for a pattern in what arrived. */
async function listen(url: string) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value);
      }
    } catch {
      // Aborted at the end of the test.
    }
  })();
  return {
    type: response.headers.get('content-type'),
    async until(pattern: RegExp) {
      for (let waited = 0; !pattern.test(text); waited += 20) {
        if (waited > 10_000) throw new Error(`no ${pattern} in: ${text}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return text;
    },
    close: () => controller.abort(),
  };
}

describe('handout serve (in process)', () => {
  let root: string;
  let server: PreviewServer;
  beforeAll(async () => {
    root = makeProject();
    server = await serveProject({ root, port: 0, jobs: 1 });
    await server.ready();
  });
  afterAll(async () => {
    await server.close();
    removeProject(root);
  });

  it('serves a gallery of every handout, with landmarks and page-1 thumbnails that load', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const { response, tree } = await page(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const landmark of ['header', 'main#main', 'footer', 'form[role=search]', 'a.skip[href="#main"]'])
      expect(select(landmark, tree), landmark).toBeTruthy();
    for (const label of selectAll('form label', tree)) expect(select('select', label)).toBeTruthy();
    const cards = selectAll('li.card', tree);
    expect(cards.map((c) => attribute(c, 'dataKey')).sort()).toEqual([
      'harbor-wellness/acupuncture-knee-pain',
      'harbor-wellness/puncion-seca-cuello',
      'ridgeline-integrative/acupuncture-knee-pain',
      'ridgeline-integrative/puncion-seca-cuello',
    ]);
    for (const card of cards) {
      const img = select('img', card);
      expect(attribute(img, 'alt')).toMatch(/^[^,]+, [^,]+, page 1 of \d+$/);
      const image = await fetch(new URL(attribute(img, 'src'), server.url));
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(
        Buffer.from(await image.arrayBuffer())
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }
    // The script and styles come from the tool itself: nothing from another site.
    for (const asset of ['/assets/app.js', '/assets/style.css'])
      expect((await fetch(new URL(asset, server.url))).status).toBe(200);
    expect(
      selectAll('script[src], link[href]', tree).every((el) =>
        /^\//.test(attribute(el, el.tagName === 'script' ? 'src' : 'href')),
      ),
    ).toBe(true);
  });

  it('names each handout by its article title and clinic name, with the ids as secondary text', async () => {
    const { tree } = await page(server.url);
    const card = select('li.card[data-key="harbor-wellness/puncion-seca-cuello"]', tree) as Element;
    expect(toText(select('.name', card) as Element)).toBe('Punción seca para la tensión del cuello');
    expect(toText(select('.meta', card) as Element)).toMatch(/^Harbor Wellness Acupuncture · handout · \d+ pages?$/);
    expect(toText(select('.ids', card) as Element)).toBe('harbor-wellness/puncion-seca-cuello');
    expect(attribute(select('img', card), 'alt')).toMatch(
      /^Punción seca para la tensión del cuello, Harbor Wellness Acupuncture, page 1 of \d+$/,
    );
    // Filters choose by id and show names.
    const options = (name: string) =>
      selectAll(`select[name=${name}] option`, tree).map((o) => [attribute(o, 'value'), toText(o)]);
    expect(options('clinic')).toEqual([
      ['', 'All clinics'],
      ['harbor-wellness', 'Harbor Wellness Acupuncture'],
      ['ridgeline-integrative', 'Ridgeline Integrative Health'],
    ]);
    expect(options('article')).toEqual([
      ['', 'All articles'],
      ['acupuncture-knee-pain', 'Acupuncture for knee pain'],
      ['puncion-seca-cuello', 'Punción seca para la tensión del cuello'],
    ]);
  });

  it('filters by clinic, article, template and problems', async () => {
    const keys = async (query: string) =>
      selectAll('li.card', (await page(`${server.url}?${query}`)).tree).map((c) => attribute(c, 'dataKey'));
    expect(await keys('clinic=ridgeline-integrative')).toEqual([
      'ridgeline-integrative/acupuncture-knee-pain',
      'ridgeline-integrative/puncion-seca-cuello',
    ]);
    expect(await keys('article=puncion-seca-cuello&clinic=harbor-wellness')).toEqual([
      'harbor-wellness/puncion-seca-cuello',
    ]);
    expect(await keys('template=handout')).toHaveLength(4);
    expect(await keys('template=trifold')).toEqual([]);
    expect(await keys('problem=errors')).toEqual([]);
  });

  it('shows a handout with every page large, its facts and a link to the PDF', async () => {
    const handout = server.state().handouts.find((h) => h.key === 'ridgeline-integrative/acupuncture-knee-pain');
    const { tree } = await page(new URL(handout?.href ?? '', server.url).href);
    const images = selectAll('ol.pages img', tree);
    expect(images).toHaveLength(handout?.pages.length ?? -1);
    expect(images.length).toBeGreaterThan(1);
    expect(attribute(images[1], 'alt')).toBe(
      `Acupuncture for knee pain, Ridgeline Integrative Health, page 2 of ${images.length}`,
    );
    expect(toText(select('main h1', tree) as Element)).toBe(
      'Acupuncture for knee pain Ridgeline Integrative Health · handout',
    );
    expect(toText(select('main p.ids', tree) as Element)).toBe('ridgeline-integrative/acupuncture-knee-pain');
    const facts = toText(select('dl.facts', tree) as Element);
    expect(facts).toContain('A4, 210 × 297 mm');
    expect(facts).toMatch(/Readability\s*Flesch–Kincaid grade \d/);
    const pdf = await fetch(new URL(attribute(select('dl.facts a', tree), 'href'), server.url));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('answers only its own host name, only GET, and only the files of its handouts', async () => {
    const port = new URL(server.url).port;
    expect(await raw(server.url, { host: `localhost:${port}` })).toBe(200);
    expect(await raw(server.url, { host: `attacker.example:${port}` })).toBe(403);
    expect(await raw(server.url, { method: 'POST' })).toBe(405);
    for (const path of [
      '/image/..%2F..%2Fmanifest/1',
      '/pdf/../manifest',
      '/image/harbor-wellness/acupuncture-knee-pain/99',
      '/handout/nope',
    ])
      expect((await fetch(new URL(path, server.url))).status, path).toBe(404);
  });

  it('never serves a page image swapped for a link to another file', async () => {
    const handout = server.state().handouts.find((h) => h.key === 'harbor-wellness/acupuncture-knee-pain');
    const src = handout?.pages[0]?.src ?? '';
    const file = join(server.outDir, 'proofs/harbor-wellness/acupuncture-knee-pain/page-1.png');
    const image = readFileSync(file);
    const secret = join(root, 'secret.txt');
    writeFileSync(secret, 'not for the preview');
    rmSync(file);
    symlinkSync(secret, file);
    try {
      const answer = await fetch(new URL(src, server.url));
      expect(answer.status).toBe(404);
      expect(await answer.text()).not.toContain('not for the preview');
    } finally {
      rmSync(file);
      writeFileSync(file, image);
      rmSync(secret);
    }
  });

  it("pushes what changed to open pages, and shows a broken article's error instead of its old image", async () => {
    const events = await listen(new URL('/events', server.url).href);
    expect(events.type).toBe('text/event-stream; charset=utf-8');
    await events.until(/event: hello/);
    const before = server.state().handouts.find((h) => h.key === 'harbor-wellness/puncion-seca-cuello');
    const file = join(root, 'content/articles/puncion-seca-cuello.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('title: Punción seca', 'title: Nueva punción seca'));
    const version = server.state().version;
    await server.refresh();
    const stream = await events.until(new RegExp(`event: update\ndata: .*"version":${version + 1}`));
    const update = JSON.parse(/event: update\ndata: (.*)\n/.exec(stream)?.[1] ?? '{}');
    expect(update.changed.sort()).toEqual([
      'harbor-wellness/puncion-seca-cuello',
      'ridgeline-integrative/puncion-seca-cuello',
    ]);
    const after = server.state().handouts.find((h) => h.key === 'harbor-wellness/puncion-seca-cuello');
    expect(after?.status).toBe('built');
    expect(after?.pages[0]?.src).toMatch(/^\/image\/harbor-wellness\/puncion-seca-cuello\/1\?v=/);
    expect(after?.pages[0]?.src).not.toBe(before?.pages[0]?.src);
    expect(after?.problems).toEqual(before?.problems);

    writeFileSync(file, text.replace('title: ', 'titel: '));
    await server.refresh();
    await events.until(new RegExp(`"version":${version + 2}`));
    const broken = server.state().handouts.filter((h) => h.article === 'puncion-seca-cuello');
    for (const h of broken) {
      expect(h.status).toBe('failed');
      expect(h.pages).toEqual([]);
      expect(h.problems).toContainEqual(
        expect.objectContaining({ place: 'content/articles/puncion-seca-cuello.md:2:1', code: 'invalid-field' }),
      );
    }
    const card = select('li.card.failed', (await page(`${server.url}fragment/?article=puncion-seca-cuello`)).tree);
    expect(select('img', card as Element)).toBeUndefined();
    expect(toText(card as Element)).toContain(
      'content/articles/puncion-seca-cuello.md:2:1: front matter: unknown field "titel"',
    );
    expect((await fetch(new URL(before?.pages[0]?.src ?? '', server.url))).status).toBe(404);

    // The article as it was, so the other cases see the samples in whatever order they run.
    writeFileSync(file, text);
    await server.refresh();
    await events.until(new RegExp(`"version":${version + 3}`));
    expect(server.state().handouts.filter((h) => h.status !== 'built')).toEqual([]);
    events.close();
  });

  it('says so when the port is taken, before any work, with exit code 1 and a hint', async () => {
    const port = Number(new URL(server.url).port);
    // Not even a project: the port is tried before the folder is read, and nothing is written.
    const elsewhere = makeProject({}, { samples: false });
    const error = await serveProject({ root: elsewhere, port, jobs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandoutError);
    expect((error as HandoutError).code).toBe('port-in-use');
    expect((error as HandoutError).hint).toContain('--port 0');
    expect(readdirSync(elsewhere)).toEqual([]);
    removeProject(elsewhere);
    const run = await cli(['serve', '--port', String(port)], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error port-in-use: cannot listen on 127.0.0.1:${port}: the port is in use`);
    expect(run.stderr).toContain('hint: Choose another port with --port N');
  });
});

describe('handout serve before its build is done', () => {
  it('answers at once with the named plan and the progress, and shows the pages when they are drawn', async () => {
    const root = makeProject();
    // Another build holds the output folder: the preview's build cannot finish until the test lets it go.
    const lock = await lockOutput(join(root, 'out'), { waitMs: 0 });
    const server = await serveProject({ root, port: 0, jobs: 1, articles: ['acupuncture-knee-pain'] });
    try {
      const events = await listen(new URL('/events', server.url).href);
      // Said in the greeting or in a progress event, whichever came first.
      await events.until(/"progress":\{"phase":"waiting"|event: progress\ndata: \{"phase":"waiting"/);
      const { response, tree } = await page(server.url);
      expect(response.status).toBe(200);
      const cards = selectAll('li.card', tree);
      expect(cards).toHaveLength(2);
      for (const card of cards) {
        expect(attribute(card, 'className')).toContain('pending');
        expect(select('img', card)).toBeUndefined();
        expect(toText(select('.waiting', card) as Element)).toContain('Not built yet');
      }
      expect(toText(select('.name', cards[0]) as Element)).toBe('Acupuncture for knee pain');
      expect(toText(select('#status', tree) as Element)).toBe('Waiting for another build of this project to finish…');
      expect(select('progress#progress', tree)?.properties.hidden).toBeFalsy();
      expect(toText(select('#summary', tree) as Element)).toBe('2 of 2 handouts shown; 2 not built yet.');
      expect(existsSync(join(root, 'out', manifestName))).toBe(false);

      lock.release();
      await server.ready();
      const stream = await events.until(/event: progress\ndata: null/);
      expect(server.progress()).toBeNull();
      // The pages were shown as they were drawn, before the check (the last stage) began.
      const said = stream
        .split('\n\n')
        .map((block) => /^event: (\w+)\ndata: (.*)$/m.exec(block))
        .flatMap((found) => (found ? [{ event: found[1], data: JSON.parse(found[2] as string) }] : []));
      const checking = said.findIndex((e) => e.event === 'progress' && e.data?.phase === 'checking');
      const building = said.findIndex((e) => e.event === 'progress' && e.data?.phase === 'building');
      expect(building).toBeGreaterThan(0);
      expect(checking).toBeGreaterThan(building);
      const shownBefore = said.slice(building, checking).flatMap((e) => (e.event === 'update' ? e.data.changed : []));
      expect(new Set(shownBefore)).toEqual(
        new Set(['harbor-wellness/acupuncture-knee-pain', 'ridgeline-integrative/acupuncture-knee-pain']),
      );
      expect(server.state().handouts.map((h) => h.status)).toEqual(['built', 'built']);
      expect((await events.until(/event: progress\ndata: \{"phase":"drawing"/)).length).toBeGreaterThan(0);
      const done = await page(server.url);
      expect(selectAll('li.card img', done.tree)).toHaveLength(2);
      expect(select('progress#progress', done.tree)?.properties.hidden).toBe(true);
      events.close();
    } finally {
      lock.release();
      await server.close();
      removeProject(root);
    }
  });
});

/** The process ids below `pid`, from ps (the node process npx started runs under a shell). */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  for (let next = [pid]; next.length > 0; ) {
    next = rows.filter(([, parent]) => next.includes(parent)).map(([child]) => child);
    found.push(...next);
  }
  return found;
}

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('handout serve started through npx', () => {
  it('stops, node process and all, when npx gets SIGTERM (npx does not pass it on)', async () => {
    const root = makeProject();
    const npx = spawn('npx', ['--no-install', 'handout', 'serve', '--port', '0', '--root', root], {
      cwd: repoRoot,
      env: { ...process.env, CI: 'true' },
    });
    let output = '';
    let started: number[] = [];
    try {
      const url = await new Promise<string>((resolve, reject) => {
        npx.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /Preview at (http:\S+)/.exec(output);
          if (found?.[1]) resolve(found[1]);
        });
        npx.stderr.on('data', (chunk: Buffer) => {
          output += chunk.toString();
        });
        npx.once('exit', (code) => reject(new Error(`npx exited with ${code}:\n${output}`)));
      });
      started = descendants(npx.pid as number);
      expect(started.length).toBeGreaterThan(0);
      expect((await fetch(url)).status).toBe(200);
      // Mid-build: the first round has only just begun.
      npx.kill('SIGTERM');
      await new Promise((resolve) => npx.once('exit', resolve));
      for (let waited = 0; started.some(running) && waited < 15_000; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(started.filter(running)).toEqual([]);
      expect((await fetch(url).catch((error: Error) => error)) instanceof Error).toBe(true);
    } finally {
      for (const pid of started.filter(running)) process.kill(pid, 'SIGKILL');
      npx.kill('SIGKILL');
      removeProject(root);
    }
  }, 60_000);
});
