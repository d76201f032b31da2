import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { parseArticle, readArticle } from '../../src/content/index.js';
import { HandoutError } from '../../src/errors.js';
import { measure } from '../../src/fonts/index.js';
import type { LaidOutDocument, TextBox } from '../../src/layout/types.js';
import { layoutHandout, renderHandout } from '../../src/pipeline.js';
import { pageImage, pageTexts } from '../helpers/pdf.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const root = repoRoot;
const knee = readArticle(join(root, 'content/articles/acupuncture-knee-pain.md'));
const spanish = readArticle(join(root, 'content/articles/puncion-seca-cuello.md'));
const harbor = readBrand(join(root, 'content/clinics/harbor-wellness.yaml'));
const ridgeline = readBrand(join(root, 'content/clinics/ridgeline-integrative.yaml'));
const texts = (page: { boxes: readonly unknown[] }) =>
  page.boxes.filter((b): b is TextBox => (b as TextBox).kind === 'text');
const squash = (text: string) => text.replace(/\s+/g, ' ');
// jsqr is CommonJS: its default export arrives wrapped or not, depending on the loader.
type ScanQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: ScanQr }).default ?? jsQRModule) as unknown as ScanQr;

describe('tri-fold brochure', () => {
  const longer = (paragraphs: number) =>
    parseArticle(
      `${readFileSync(spanish.file, 'utf8')}\n\n## Más información\n\n${Array.from({ length: paragraphs }, () =>
        'Un párrafo más para llenar el folleto con texto de prueba que ocupa varias líneas en cada panel del tríptico. '.repeat(
          3,
        ),
      ).join('\n\n')}\n`,
      spanish.file,
    );

  // Long enough to reach the last panel, short enough to fit without shrinking.
  const { document } = layoutHandout({ root, article: longer(4), brand: harbor, template: 'trifold' });

  it('has two landscape pages; the tucked-in panels are narrower', () => {
    expect(document.pages).toHaveLength(2);
    expect([document.width, document.height]).toEqual([792, 612]);
    // The flap (outside left) and inside right are the fold-in strip: 3.625 in, the others 3.6875 in.
    // The cover's colour stops a quarter inch short of the paper's edge and of the fold (issue 22: not
    // starting on the fold with rounded corners there); the full panel is kept for --bleed.
    const outsideFill = document.pages[0]?.boxes.find((b) => b.kind === 'rect' && b.x > 500);
    expect(outsideFill).toMatchObject({ x: 526.5 + 18, width: 265.5 - 36, bleed: { x: 526.5, width: 265.5 } });
  });

  const inPanel = (doc: LaidOutDocument, pageIndex: number, from: number, to: number) =>
    texts(doc.pages[pageIndex] as LaidOutDocument['pages'][number])
      .filter((b) => b.x >= from && b.x < to && !b.artifact)
      .sort((a, b) => a.y - b.y || a.x - b.x);
  const insidePanels = (doc: LaidOutDocument) => [
    inPanel(doc, 1, 0, 265.5),
    inPanel(doc, 1, 265.5, 531),
    inPanel(doc, 1, 531, 792),
  ];

  it('flows the article through the three inside panels, in reading order', () => {
    const panels = insidePanels(document);
    for (const panel of panels) expect(panel.length).toBeGreaterThan(0);
    const order = panels.flat().map((b) => b.block);
    // Blocks are numbered in document order: each panel starts where the previous one stopped.
    const starts = panels.map((panel) => order.indexOf((panel[0] as TextBox).block));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const headings = panels
      .flat()
      .filter((b) => b.heading === 2)
      .map((b) => b.text);
    expect(headings[0]).toBe('¿Qué es la punción seca?');
    expect(headings.indexOf('¿Qué es la punción seca?')).toBeLessThan(headings.indexOf('¿Es segura?'));
  });

  it('sets the flap on its own: the key message and when to get urgent care, none of the flowing article', () => {
    const flap = inPanel(document, 0, 0, 261)
      .map((b) => b.text)
      .join('');
    expect(squash(flap)).toContain(squash(spanish.summary as string));
    expect(flap).toContain('Busque atención médica urgente si tiene:');
    expect(flap).not.toContain('¿Qué es la punción seca?');
    // The urgent-care callout is on the flap only, not again inside.
    const inside = insidePanels(document)
      .flat()
      .map((b) => b.text)
      .join('');
    expect(inside).not.toContain('Busque atención médica urgente');
  });

  it("fills a short article's panels: larger type, no hyphens, every panel at least half used, the questions block at the foot", () => {
    const { document: short } = layoutHandout({ root, article: spanish, brand: harbor, template: 'trifold' });
    expect(short.notes).toContainEqual(
      expect.objectContaining({
        severity: 'note',
        code: 'fit-size',
        // About the article's length, so at the article: the built-in template is not the user's to edit.
        file: join(root, 'content/articles/puncion-seca-cuello.md'),
        message: expect.stringMatching(/fit: fill set the body text to 1[2-4](\.5)? pt \(from 11.5 pt\)/),
      }),
    );
    const panels = insidePanels(short);
    const top = 0.4 * 72;
    const height = 612 - 2 * top;
    for (const panel of panels) {
      const bottom = Math.max(...panel.map((b) => b.y));
      expect(bottom - top).toBeGreaterThan(height * 0.5);
    }
    expect(panels.flat().some((b) => b.text.endsWith('\u00AD'))).toBe(false);
    // The questions block sits at the foot of the last panel, with the phone number and a QR code.
    const right = panels[2] as TextBox[];
    expect(right.map((b) => b.text).join('')).toContain(harbor.contact.phone as string);
    const qr = short.pages[1]?.boxes.find((b) => b.kind === 'qr');
    expect(qr?.x).toBeGreaterThan(531);
    expect(qr && qr.y + qr.size).toBeGreaterThan(612 - top - 60);
  });

  it('refuses a panel left empty', () => {
    const tiny = parseArticle(
      '---\ntitle: Una nota\nlang: es\n---\n\nUn párrafo corto que no llena nada.\n',
      spanish.file,
    );
    expect(() => layoutHandout({ root, article: tiny, brand: harbor, template: 'trifold' })).toThrow(
      /the "inside (middle|right)" panel is empty/,
    );
  });

  it('has a QR code on the back panel that scans to the booking address', async () => {
    const { pdf } = await renderHandout({ root, article: spanish, brand: harbor, template: 'trifold' });
    const image = await pageImage(pdf, 1, 2);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe('https://example.org/book');
  });

  it('uses A4 panels for an A4 clinic', () => {
    const a4 = layoutHandout({ root, article: spanish, brand: ridgeline, template: 'trifold' }).document;
    expect(a4.width).toBeCloseTo(841.89);
  });

  it('shrinks the text to fit, and says what size it chose', () => {
    const { document: shrunk } = layoutHandout({ root, article: longer(6), brand: harbor, template: 'trifold' });
    expect(shrunk.pages).toHaveLength(2);
    expect(shrunk.notes.map((n) => n.message)).toContainEqual(
      expect.stringMatching(/^fit: fill set the body text to 1\d(\.5)? pt \(from 11.5 pt\) so the article fits$/),
    );
  });

  it('reports how much did not fit, and where, when even the smallest size is too big', () => {
    try {
      layoutHandout({ root, article: knee, brand: harbor, template: 'trifold' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HandoutError);
      const e = error as HandoutError;
      expect(e.code).toBe('fit-overflow');
      expect(e.file).toBe(knee.file);
      expect(e.line).toBeGreaterThan(1);
      expect(e.message).toMatch(
        /does not fit the trifold template even at 10 pt: about \d+ of its \d+ words fit; about \d+ words \(\d+%\) must go\. \d+ pt \(\d+ lines\) did not fit after the last panel, "inside right"/,
      );
      // What fits and what must go add up to the article's words (its Markdown, front matter and callout aside).
      const [, fit, total, go] = (e.message.match(/about (\d+) of its (\d+) words fit; about (\d+)/) ?? []).map(Number);
      expect((fit as number) + (go as number)).toBe(total);
      const body = readFileSync(knee.file, 'utf8').split(/^---$/m)[2] ?? '';
      const written = body.replace(/> \[!WARNING\][\s\S]*?(\n\n|$)/, '').match(/[\p{L}\p{N}][^\s]*/gu)?.length ?? 0;
      expect(Math.abs((total as number) - written) / written).toBeLessThan(0.1);
      expect(e.hint).toMatch(new RegExp(`Shorten the article by about ${go} words`));
    }
  });

  it('with fit="error", a too-long article is an error instead of smaller text', () => {
    const project = makeProject();
    const dir = join(project, 'templates', 'trifold-strict');
    mkdirSync(dir, { recursive: true });
    for (const file of ['layout.hbs', 'trifold-sheet.hbs', 'styles.hbs']) {
      const text = readFileSync(join(root, 'templates/trifold', file), 'utf8');
      writeFileSync(join(dir, file), text.replace('fit="fill" fit-min="10pt" fit-max="14pt"', 'fit="error"'));
    }
    expect(() =>
      layoutHandout({ root: project, article: longer(8), brand: harbor, template: 'trifold-strict' }),
    ).toThrow(
      /does not fit the trifold-strict template: about \d+ of its \d+ words fit; about \d+ words \(\d+%\) must go\. \d+ pt/,
    );
    removeProject(project);
  });
});

describe('every template', () => {
  const templates = ['handout', 'large-print', 'two-column'] as const;

  it.each(templates)('%s: no page or column ends with a lone heading or a single line of a paragraph', (template) => {
    const { document } = layoutHandout({ root, article: knee, brand: harbor, template });
    const lines = document.pages.flatMap((page, p) =>
      texts(page)
        .filter((b) => !b.artifact)
        .map((b) => ({ ...b, page: p, column: template === 'two-column' ? (b.x < 306 ? 0 : 1) : 0 })),
    );
    const lineCount = new Map<number, number>();
    const seen = new Set<string>();
    for (const line of lines) {
      const key = `${line.block}:${line.y}:${line.page}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lineCount.set(line.block, (lineCount.get(line.block) ?? 0) + 1);
    }
    const frames = new Map<string, typeof lines>();
    for (const line of lines)
      frames.set(`${line.page}:${line.column}`, [...(frames.get(`${line.page}:${line.column}`) ?? []), line]);
    const body = [...frames.values()].filter((f) => f.length > 0);
    expect(body.length).toBeGreaterThan(2);
    body.forEach((frame, index) => {
      const sorted = [...frame].sort((a, b) => a.y - b.y);
      const last = sorted[sorted.length - 1] as (typeof lines)[number];
      const first = sorted[0] as (typeof lines)[number];
      const linesOf = (block: number) => new Set(sorted.filter((l) => l.block === block).map((l) => l.y)).size;
      if (index < body.length - 1) {
        expect(last.heading, `frame ${index} ends with heading "${last.text}"`).toBeNull();
        if ((lineCount.get(last.block) ?? 0) > 1)
          expect(linesOf(last.block), `orphan "${last.text}"`).toBeGreaterThanOrEqual(2);
      }
      if (index > 0 && (lineCount.get(first.block) ?? 0) > 1) {
        expect(linesOf(first.block), `widow "${first.text}"`).toBeGreaterThanOrEqual(2);
      }
    });
  });

  it.each(templates)('%s: the urgent-care alert is read whole on one page or column, in both clinics', (template) => {
    for (const brand of [harbor, ridgeline]) {
      const { document } = layoutHandout({ root, article: knee, brand, template });
      const frameOf = (words: string) => {
        const p = document.pages.findIndex((page) => texts(page).some((b) => b.text.includes(words)));
        const box = texts(document.pages[p] as LaidOutDocument['pages'][number]).find((b) => b.text.includes(words));
        return `${p}:${template === 'two-column' && (box?.x ?? 0) > 306 ? 1 : 0}`;
      };
      expect(frameOf('urgent care'), `${brand.id}: the alert's first item`).toBe(frameOf('a knee that is hot'));
      expect(frameOf('urgent care'), `${brand.id}: the alert's last item`).toBe(frameOf('wakes you at night'));
    }
  });

  it('a short article that would leave its last paragraph and the closing on a page of their own fits one page', () => {
    // Two sections and a closing sentence: at full size with the full closing (phone, address, e-mail and
    // the booking code: issue 22), the last lines go over.
    const short = parseArticle(
      [
        '---',
        'title: Warm or cold?',
        'summary: Cold helps a fresh injury. Warmth helps muscles that have been stiff for a while.',
        '---',
        '',
        '## Cold for a fresh injury',
        '',
        `Put something cold on the sore place in the first two days. Wrap it in a cloth first. Keep it there for a quarter of an hour, then rest your skin for an hour. ${'Rest the sore place when you can. '.repeat(2)}`,
        '',
        '## Warmth for stiff muscles',
        '',
        'A warm cloth or a warm bath can loosen muscles that feel tight. Keep it comfortable, never hot, and stop after twenty minutes.',
        '',
        'Never put cold or warmth on skin that feels numb. Call us if the pain grows.',
        '',
      ].join('\n'),
      join(root, 'content/articles/warm-or-cold.md'),
    );
    const { document } = layoutHandout({ root, article: short, brand: harbor, template: 'large-print' });
    expect(document.pages).toHaveLength(1);
    // It took smaller type to land there: without fit the last lines would be on a page of their own.
    expect(document.notes.map((n) => n.code)).toContain('fit-size');
    const words = document.pages
      .flatMap(texts)
      .map((b) => b.text)
      .join('');
    expect(words).toContain('numb');
    expect(words).toContain(harbor.contact.phone as string);
  });

  it('large-print sets the body at 16–18 pt, ragged right, never hyphenated', () => {
    const { document } = layoutHandout({ root, article: knee, brand: harbor, template: 'large-print' });
    const body = document.pages.flatMap(texts).filter((b) => !b.artifact && b.heading === null);
    const sizes = body.map((b) => b.size);
    const common = sizes.sort((a, b) => sizes.filter((s) => s === b).length - sizes.filter((s) => s === a).length)[0];
    expect(common).toBeGreaterThanOrEqual(16);
    expect(common).toBeLessThanOrEqual(18);
    const natural = (b: TextBox) =>
      b.glyphs.filter((g) => g.text === ' ').every((g) => g.advance === measure(b.font, ' '));
    expect(body.every(natural)).toBe(true);
    expect(body.some((b) => b.text.includes('\u00AD'))).toBe(false);
    expect(Math.min(...document.pages.flatMap(texts).map((b) => b.size))).toBeGreaterThanOrEqual(13);
  });

  it('two-column flows text from column to column and page to page', () => {
    const { document } = layoutHandout({ root, article: knee, brand: harbor, template: 'two-column' });
    expect(document.pages.length).toBeGreaterThan(1);
    const page = texts(document.pages[1] as LaidOutDocument['pages'][number]).filter((b) => !b.artifact);
    expect(page.some((b) => b.x < 306)).toBe(true);
    expect(page.some((b) => b.x > 306)).toBe(true);
    // Column one's last block continues (or is followed) at the top of column two.
    const left = page.filter((b) => b.x < 306).sort((a, b) => a.y - b.y);
    const right = page.filter((b) => b.x > 306).sort((a, b) => a.y - b.y);
    expect((right[0] as TextBox).block).toBeGreaterThanOrEqual((left[left.length - 1] as TextBox).block);
  });
});

describe('glyphs and languages', () => {
  it('draws characters the main font lacks from the fallback font, embedded in the PDF', async () => {
    const article = parseArticle(
      '---\ntitle: Symbols\n---\n\nPain ≥ 7 → call us ✓\n',
      join(root, 'content/articles/symbols.md'),
    );
    const { pdf } = await renderHandout({ root, article, brand: harbor, template: 'handout' });
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+AtkinsonHyperlegible/);
    expect(squash((await pageTexts(pdf)).join(' '))).toContain('Pain ≥ 7 → call us ✓');
  });

  it('names the article line and the character when no font has it', () => {
    const project = makeProject({
      'content/articles/odd.md': '---\ntitle: Odd\n---\n\nFine text.\n\nA private glyph \uE000 here.\n',
    });
    const article = readArticle(join(project, 'content/articles/odd.md'));
    expect(() => layoutHandout({ root, article, brand: harbor, template: 'handout' })).toThrow(
      expect.objectContaining({
        code: 'glyph-missing',
        file: article.file,
        line: 7,
        message: expect.stringContaining('U+E000'),
      }),
    );
    removeProject(project);
  });

  it('writes Spanish labels for a Spanish article', async () => {
    const { pdf } = await renderHandout({ root, article: spanish, brand: harbor, template: 'handout' });
    const text = squash((await pageTexts(pdf)).join(' '));
    expect(text).toMatch(/Página 1 de \d/);
    expect(text).toContain('¿Preguntas? Llámenos');
    expect(text).toContain('Última revisión: 2 de octubre de 2026');
  });
});

describe('page images (goldens, compared with a tolerance)', () => {
  // Edge cases a designer looks at: a long title and a long clinic name without a logo in a very light
  // brand, a very dark brand, a short Spanish article, the last page of the newsletter.
  const edge = makeProject({
    'content/clinics/pale.yaml':
      'name: The Northern Lakes Community Acupuncture and Integrative Rehabilitation Centre\ncolors: { primary: "#FDE047" }\ncontact: { phone: "(207) 555-0199", website: "https://northern-lakes.example" }\n',
    'content/clinics/night.yaml': 'name: Nightfall Clinic\ncolors: { primary: "#111827", accent: "#F59E0B" }\n',
  });
  const pale = readBrand(join(edge, 'content/clinics/pale.yaml'), edge);
  const night = readBrand(join(edge, 'content/clinics/night.yaml'), edge);
  const longTitle = {
    ...knee,
    title: 'Acupuncture for knee pain: what it is, how it may help, and what to expect at your visits',
  };
  const cases = [
    ['handout', 1, knee, harbor, 'handout-1'],
    ['large-print', 1, knee, harbor, 'large-print-1'],
    ['two-column', 1, knee, harbor, 'two-column-1'],
    ['two-column', 3, knee, harbor, 'two-column-last'],
    ['trifold', 1, spanish, harbor, 'trifold-1'],
    ['trifold', 2, spanish, harbor, 'trifold-2'],
    ['handout', 1, longTitle, pale, 'handout-pale-long-names'],
    ['large-print', 2, spanish, night, 'large-print-dark-spanish'],
  ] as const;
  it.each(cases)(
    '%s page %i looks as it did when it was last checked by eye (%#)',
    async (template, page, article, brand, name) => {
      const { pdf } = await renderHandout({ root, article, brand, template });
      const image = await pageImage(pdf, page, 0.75);
      const golden = join(repoRoot, 'test/goldens', `${name}.png`);
      if (process.env.UPDATE_GOLDENS) writeFileSync(golden, PNG.sync.write(image));
      const expected = PNG.sync.read(readFileSync(golden));
      expect([image.width, image.height]).toEqual([expected.width, expected.height]);
      const diff = pixelmatch(image.data, expected.data, null, image.width, image.height, { threshold: 0.2 });
      // Anti-aliasing may differ between machines; a layout change moves thousands of pixels.
      expect(diff / (image.width * image.height)).toBeLessThan(0.002);
    },
  );
});
