import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin } from '../helpers/cli.js';
import { makeProject, removeProject } from '../helpers/project.js';

// Debian's chromium (apt-get install chromium); CHROMIUM_PATH points elsewhere if needed.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags chromium keeps dialling out, and this machine's network refuses it.
const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Start `handout serve` the way a user does, and wait for the address it prints. */
async function startServer(root: string): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--jobs', '1'], {
    cwd: root,
    env: { ...process.env, CI: 'true' },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Preview at (http:\S+)/.exec(output);
      if (found?.[1]) resolve(found[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`handout serve exited with ${code}:\n${output}`)));
  });
  return { process: child, url };
}

const card = (key: string) => `li.card[data-key="${key}"]`;
const loadedImages = (page: Page, selector: string, options: { count?: number; timeout?: number } = {}) =>
  page.waitForFunction(
    ([s, count]) => {
      const images = [...document.querySelectorAll<HTMLImageElement>(s as string)];
      return images.length >= (count as number) && images.every((img) => img.complete && img.naturalWidth > 0);
    },
    [selector, options.count ?? 1] as const,
    { timeout: options.timeout ?? 30_000 },
  );

describe('the preview in a real browser (chromium)', () => {
  let root: string;
  let server: { process: ChildProcess; url: string };
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(executablePath))
      throw new Error(`no chromium at ${executablePath}: apt-get install chromium (or set CHROMIUM_PATH)`);
    root = makeProject();
    server = await startServer(root);
    browser = await chromium.launch({ executablePath, args: flags, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    server?.process.kill('SIGINT');
    removeProject(root);
  });

  it("shows the gallery, updates a changed page image without reloading, then shows a broken file's error", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(server.url);
    // The server answers before its first build is done: the page fills in by itself, without a reload.
    await page.evaluate(() => {
      (window as unknown as { unreloaded: boolean }).unreloaded = true;
    });
    // Thumbnails appear one by one as they are drawn; then the check's findings, and the progress bar goes.
    await loadedImages(page, '.gallery img', { count: 4, timeout: 90_000 });
    await page.locator('#progress').waitFor({ state: 'hidden', timeout: 90_000 });
    expect(await page.locator('.gallery img').count()).toBe(4);
    expect(await page.locator('#status').textContent()).toMatch(/^(Updated \d+ handouts? at |Up to date)/);
    for (const alt of await page.locator('.gallery img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt'))))
      expect(alt).toMatch(
        /^(Acupuncture for knee pain|Punción seca para la tensión del cuello), (Harbor Wellness Acupuncture|Ridgeline Integrative Health), page 1 of \d+$/,
      );
    // The mark set on this document before its first build was done: a reload would have lost it.
    expect(await page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);
    const key = 'harbor-wellness/puncion-seca-cuello';
    const before = await page.locator(`${card(key)} img`).getAttribute('src');

    const file = join(root, 'content/articles/puncion-seca-cuello.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('title: Punción seca', 'title: Nueva punción seca'));
    await page.waitForFunction(
      ([selector, old]) => {
        const img = document.querySelector<HTMLImageElement>(selector as string);
        return img !== null && img.getAttribute('src') !== old && img.complete && img.naturalWidth > 0;
      },
      [`${card(key)}:not(.failed) img`, before],
      { timeout: 30_000 },
    );
    expect(await page.locator('#status').textContent()).toMatch(/^Updated 2 handouts at /);
    // The other article's thumbnails were left alone.
    const other = await page.locator(`${card('harbor-wellness/acupuncture-knee-pain')} img`).getAttribute('src');
    expect(other).toBe(
      (await (await fetch(server.url.replace(/\/$/, '/api/state'))).json()).handouts.find(
        (h: { key: string }) => h.key === 'harbor-wellness/acupuncture-knee-pain',
      ).pages[0].src,
    );

    writeFileSync(file, text.replace('title: ', 'titel: '));
    const broken = page.locator(`${card(key)}.failed`);
    await broken.waitFor({ timeout: 30_000 });
    expect(await broken.textContent()).toContain(
      'content/articles/puncion-seca-cuello.md:2:1: front matter: unknown field "titel"',
    );
    expect(await broken.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);

    // Fixed again: the page comes back, still without a reload.
    writeFileSync(file, text);
    await loadedImages(page, `${card(key)}:not(.failed) img`);
    expect(await page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);
    await page.close();
  });

  it('can be used with the keyboard: skip link first, arrow keys between thumbnails, Enter opens a handout', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(server.url);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    const links = page.locator('li.card a');
    await links.first().focus();
    await page.keyboard.press('ArrowRight');
    const focused = () => page.evaluate(() => document.activeElement?.closest('li')?.dataset.key);
    expect(await focused()).toBe(await page.locator('li.card').nth(1).getAttribute('data-key'));
    await page.keyboard.press('End');
    expect(await focused()).toBe(await page.locator('li.card').last().getAttribute('data-key'));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/handout\//);
    await loadedImages(page, 'ol.pages img');
    const pages = await page.locator('ol.pages img').count();
    expect(pages).toBeGreaterThan(1);
    expect(await page.locator('main h1').textContent()).toContain('Punción seca para la tensión del cuello');
    expect(await page.locator('main p.ids').textContent()).toBe('ridgeline-integrative/puncion-seca-cuello');
    await page.close();
  });
});
