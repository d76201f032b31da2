import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/brand/color.js';
import { readBrand } from '../../src/brand/index.js';
import { parseArticle, readArticle } from '../../src/content/index.js';
import { layoutDocument } from '../../src/layout/index.js';
import type { Box, LaidOutDocument, StructNode, TextBox } from '../../src/layout/types.js';
import { layoutHandout, renderHandout } from '../../src/pipeline.js';
import { parseSpec } from '../../src/spec/index.js';
import { makeProject, removeProject } from '../helpers/project.js';

/** Layout-level rules of the built-in templates and the engine, checked on the laid-out data (no PDF). */

const root = makeProject({
  'content/clinics/long-name.yaml':
    'name: The Northern Lakes Community Acupuncture and Integrative Rehabilitation Centre\ncolors: { primary: "#FDE047" }\ncontact: { phone: "(207) 555-0199", website: "https://northern-lakes.example/" }\nlang: en\ntagline: Care close to home\n',
  'content/clinics/dark.yaml': 'name: Dark Clinic\ncolors: { primary: "#111827" }\n',
});
afterAll(() => removeProject(root));
const brand = (id: string) => readBrand(join(root, `content/clinics/${id}.yaml`), root);
const knee = readArticle(join(root, 'content/articles/acupuncture-knee-pain.md'), root);
const spanish = readArticle(join(root, 'content/articles/puncion-seca-cuello.md'), root);
const article = (body: string, title = 'A handout') =>
  parseArticle(`---\ntitle: ${title}\n---\n\n${body}\n`, join(root, 'content/articles/test.md'), root);

const texts = (boxes: readonly Box[]) => boxes.filter((b): b is TextBox => b.kind === 'text');
/** Each line of a page: its boxes' text joined, by baseline (and column). */
function lines(doc: LaidOutDocument, page: number, filter: (b: TextBox) => boolean = (b) => !b.artifact) {
  const byLine = new Map<string, string>();
  for (const box of texts(doc.pages[page]?.boxes ?? []).filter(filter)) {
    const key = `${Math.round(box.x / 200)}:${box.y}`;
    byLine.set(key, (byLine.get(key) ?? '') + box.text);
  }
  return [...byLine.values()].map((t) => t.trimEnd());
}
const specOf = (body: string, head = '', attributes = 'margin="72pt"') =>
  parseSpec(
    { xml: `<document ${attributes}>${head}<body>${body}</body></document>`, templateFile: join(root, 't/layout.hbs') },
    { root },
  );

describe('text: addresses, links, balance, ellipsis', () => {
  it('never breaks inside a phone number, an e-mail address or a web address', () => {
    const doc = layoutDocument(
      specOf(
        '<p>Call (541) 555-0187 or write to appointments@ridgeline.example or see https://ridgeline.example/visits/first today and tomorrow.</p>',
        '',
        'margin="72pt 290pt 72pt 72pt"',
      ),
      { images: new Map() },
    );
    const all = lines(doc, 0);
    for (const whole of [
      '(541) 555-0187',
      'appointments@ridgeline.example',
      'https://ridgeline.example/visits/first',
    ]) {
      expect(
        all.some((line) => line.includes(whole)),
        whole,
      ).toBe(true);
    }
  });

  it('underlines links in their colour and shows an address too long for a line as its site', () => {
    const head = '<style name="body" size="12pt" link-color="#0F766E"/>';
    const doc = layoutDocument(
      specOf(
        '<p>See <a href="https://example.org/a/very/long/path/that/cannot/fit/on/one/narrow/line/at/all">https://example.org/a/very/long/path/that/cannot/fit/on/one/narrow/line/at/all</a>.</p>',
        head,
        'margin="72pt 400pt 72pt 72pt"',
      ),
      { images: new Map() },
    );
    const boxes = doc.pages[0]?.boxes ?? [];
    const link = texts(boxes).find((b) => b.href);
    expect(link?.text).toBe('example.org');
    expect(link?.color).toBe('#0F766E');
    const underline = boxes.find((b) => b.kind === 'rect' && link && Math.abs(b.x - link.x) < 0.01);
    expect(underline).toMatchObject({ fill: '#0F766E', width: link?.width });
  });

  it('balances a title: no one-word last line, lines of similar length', () => {
    const head = '<style name="title" size="26pt" bold="true" balance="true"/>';
    const doc = layoutDocument(
      specOf(
        '<h level="1" style="title">Dry needling for tension in the neck and the shoulders</h>',
        head,
        'margin="72pt 250pt 72pt 72pt"',
      ),
      { images: new Map() },
    );
    const rows = lines(doc, 0);
    expect(rows.length).toBeGreaterThan(1);
    expect((rows.at(-1) as string).split(' ').length).toBeGreaterThan(1);
    const lengths = rows.map((r) => r.length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThan(12);
  });

  it('keeps a running head to one line, ending in an ellipsis', () => {
    const { document } = layoutHandout({ root, article: knee, brand: brand('long-name'), template: 'handout' });
    const head = texts(document.pages[1]?.boxes ?? []).filter((b) => b.artifact && b.y < 60);
    expect(new Set(head.map((b) => b.y)).size).toBe(1);
    expect(head.map((b) => b.text).join('')).toMatch(/…$/);
  });

  it('prints just the site in the footer, on one line, at the footer size', () => {
    const long = parseArticle('---\ntitle: T\n---\n\nText.\n', join(root, 'content/clinics/paths.md'), root);
    const clinic = {
      ...brand('dark'),
      contact: { ...brand('dark').contact, website: 'https://dark.example/patients/handouts/all' },
    };
    for (const template of ['handout', 'large-print', 'two-column'] as const) {
      const { document } = layoutHandout({ root, article: long, brand: clinic, template });
      const page = document.pages[0]?.boxes ?? [];
      const foot = texts(page).filter((b) => b.artifact && b.y > 700);
      const line = foot.filter((b) => b.y === foot.find((f) => f.text.includes('dark.example'))?.y);
      expect(line.map((b) => b.text).join(''), template).toMatch(/dark\.example(?!\/)/);
      expect(line.map((b) => b.text).join(''), template).not.toContain('/patients');
    }
  });
});

describe('designer review: nothing cut mid-word, nothing past the edge', () => {
  const narrow = 'margin="72pt 420pt 72pt 72pt"';
  it('breaks an address too long for its line after a dot, slash, hyphen or @, never inside a word', () => {
    const doc = layoutDocument(
      specOf(
        '<p>Write to frontdesk@northernlakes-community-acupuncture.example or <a href="https://northernlakes-community-acupuncture.example">northernlakes-community-acupuncture.example</a>.</p>',
        '',
        narrow,
      ),
      { images: new Map() },
    );
    const raw = new Map<number, string>();
    for (const box of texts(doc.pages[0]?.boxes ?? [])) raw.set(box.y, (raw.get(box.y) ?? '') + box.text);
    const rows = [...raw.values()];
    expect(rows.length).toBeGreaterThan(3);
    // Where a line ends inside a word (no space), it ends after "@", "/", "." or "-", and the next never starts with one.
    rows.slice(0, -1).forEach((row, i) => {
      if (/\s$/.test(row)) return;
      const next = rows[i + 1] as string;
      expect(/[@/.-]$/.test(row) && !/^[-./@]/.test(next), `${row}|${next}`).toBe(true);
    });
  });

  it('sets display text smaller rather than cut a long word (fit-lines), and balancing never cuts one', () => {
    const head = '<style name="cover" size="26pt" bold="true" balance="true" fit-lines="4"/>';
    const doc = layoutDocument(
      specOf(
        '<h level="1" style="cover">Wärme bei verspannten Nackenschmerzen</h>',
        head,
        'margin="72pt 360pt 72pt 72pt"',
      ),
      {
        images: new Map(),
      },
    );
    const boxes = texts(doc.pages[0]?.boxes ?? []);
    expect(boxes[0]?.size).toBeLessThan(26);
    expect(lines(doc, 0).join(' ')).toContain('Nackenschmerzen');
  });

  it('justified lines never run past the column, even when their spaces shrink', () => {
    const { document } = layoutHandout({
      root,
      article: knee,
      brand: brand('harbor-wellness'),
      template: 'two-column',
    });
    const column = (612 - 2 * 43.2 - 21.6) / 2;
    for (const page of document.pages) {
      for (const b of texts(page.boxes).filter((t) => !t.artifact && t.size === 12)) {
        const right = b.x < 306 ? 43.2 + column : 612 - 43.2;
        expect(b.x + b.width, b.text).toBeLessThanOrEqual(right + 0.01);
      }
    }
  });

  it("never leaves the closing block alone on a page: the article's last lines come with it", () => {
    for (const id of ['harbor-wellness', 'long-name', 'dark']) {
      for (const template of ['handout', 'large-print']) {
        const { document } = layoutHandout({ root, article: spanish, brand: brand(id), template });
        const last = texts(document.pages.at(-1)?.boxes ?? []).filter((b) => !b.artifact && b.heading === null);
        expect(
          last.some((b) => b.size === (template === 'handout' ? 13.5 : 17)),
          `${id} ${template}`,
        ).toBe(true);
      }
    }
  });
});

describe('pages: the closing block, fitting, the last page', () => {
  it('keeps the closing block whole, and uses the compact form when that saves a page', () => {
    const { document } = layoutHandout({
      root,
      article: spanish,
      brand: brand('harbor-wellness'),
      template: 'handout',
    });
    expect(document.pages).toHaveLength(2);
    const last = document.pages[1]?.boxes ?? [];
    const closing = texts(last).filter((b) => b.text.includes('(207) 555-0142') && !b.artifact);
    expect(closing.length).toBeGreaterThan(0);
    // The compact strip: a QR code of 0.78 in (modules of 0.5 mm or more), and the disclaimer on the same page.
    const qr = last.find((b) => b.kind === 'qr');
    expect(qr && qr.kind === 'qr' && qr.size).toBeCloseTo(0.78 * 72, 0);
    expect(texts(last).some((b) => b.text.includes('general'))).toBe(true);
  });

  it('lands on the pages asked (fit="pages"), with a note saying how', () => {
    const head = '<style name="body" size="13pt" leading="1.5"/>';
    const paragraph = `<p>${'Words that fill the page one after another until it runs over. '.repeat(40)}</p>`;
    const over = specOf(`${paragraph}<p>${'A little more. '.repeat(20)}</p>`, head);
    expect(layoutDocument(over, { images: new Map() }).pages.length).toBe(2);
    const fitted = layoutDocument(
      { ...over, fit: { mode: 'pages', minSize: 11, maxSize: null, pages: 1 } },
      { images: new Map() },
    );
    expect(fitted.pages).toHaveLength(1);
    expect(fitted.notes).toContainEqual(
      expect.objectContaining({
        severity: 'note',
        code: 'fit-size',
        message: expect.stringMatching(
          /fit: pages (set the body text to [\d.]+ pt and|kept the body text at [\d.]+ pt and set) its line spacing to \d+% so the handout has 1 page/,
        ),
      }),
    );
    const impossible = layoutDocument(
      {
        ...specOf(`${paragraph}${paragraph}${paragraph}`, head),
        fit: { mode: 'pages', minSize: 12.5, maxSize: null, pages: 1 },
      },
      { images: new Map() },
    );
    expect(impossible.notes).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        code: 'fit-pages',
        message: expect.stringMatching(/needs \d pages even at the smallest type the template allows; 1 asked/),
      }),
    );
  });

  it('warns when the last page holds almost nothing, with the way out', () => {
    const doc = layoutDocument(
      specOf(`<spacer height="620pt"/><p>${'Three lines of words at the end. '.repeat(8)}</p>`),
      {
        images: new Map(),
      },
    );
    expect(doc.pages).toHaveLength(2);
    expect(doc.notes).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        code: 'last-page-nearly-empty',
        message: expect.stringMatching(/the last page \(page \d\) holds only \d+% of its body$/),
        hint: expect.stringMatching(/fit="pages" fit-pages="\d"/),
      }),
    );
  });

  it('keeps a lead-in paragraph ("… if:") with the callout after it', () => {
    const doc = layoutDocument(
      specOf(
        `<spacer height="570pt"/><p>Call your doctor if you have:</p><box><p>${'a fever and a stiff neck, '.repeat(6)}</p></box>`,
      ),
      { images: new Map() },
    );
    const where = (text: string) => doc.pages.findIndex((p) => texts(p.boxes).some((b) => b.text.includes(text)));
    expect(where('Call your doctor')).toBe(where('a fever'));
  });
});

describe('two columns: masthead, balance, closing across', () => {
  const harbor = brand('harbor-wellness');
  const { document } = layoutHandout({ root, article: knee, brand: harbor, template: 'two-column' });
  const last = document.pages.length - 1;

  it("balances the last page's columns", () => {
    const body = texts(document.pages[last]?.boxes ?? []).filter((b) => !b.artifact && b.size === 12);
    const bottom = (left: boolean) => Math.max(...body.filter((b) => b.x < 306 === left).map((b) => b.y));
    expect(Math.abs(bottom(true) - bottom(false))).toBeLessThan(12 * 1.4 * 3);
  });

  it('runs the closing block across both columns', () => {
    const box = (document.pages[last]?.boxes ?? []).find(
      (b) => b.kind === 'rect' && b.fill === harbor.colors.primaryTint && b.width > 400,
    );
    expect(box).toBeDefined();
  });

  it('grows the masthead with the title, so the body starts below it', () => {
    const top = (title: string) => {
      const { document: doc } = layoutHandout({
        root,
        article: { ...knee, title },
        brand: harbor,
        template: 'two-column',
      });
      const boxes = doc.pages[0]?.boxes ?? [];
      const titleBottom = Math.max(
        ...texts(boxes)
          .filter((b) => b.heading === 1)
          .map((b) => b.y),
      );
      const bodyTop = Math.min(
        ...texts(boxes)
          .filter((b) => b.heading === null && b.size === 13 && b.y > titleBottom)
          .map((b) => b.y),
      );
      return { titleBottom, bodyTop };
    };
    const short = top('Knee pain');
    const long = top(
      'Acupuncture for knee pain: what it is, how it may help, and what to expect at every one of your visits',
    );
    expect(long.titleBottom).toBeGreaterThan(short.titleBottom + 20);
    expect(long.bodyTop).toBeGreaterThan(long.titleBottom);
    expect(long.bodyTop - short.bodyTop).toBeCloseTo(long.titleBottom - short.titleBottom, 0);
  });
});

describe('the handout: measure, band, tags', () => {
  it('sets about 65–72 characters a line at the body size', () => {
    const { document } = layoutHandout({ root, article: knee, brand: brand('harbor-wellness'), template: 'handout' });
    const lengths = document.pages
      .flatMap((_, p) => lines(document, p, (b) => !b.artifact && b.heading === null && b.size === 13.5))
      .map((l) => l.length)
      .filter((n) => n > 30)
      .sort((a, b) => a - b);
    const p90 = lengths[Math.floor(lengths.length * 0.9)] as number;
    expect(p90).toBeGreaterThanOrEqual(65);
    expect(p90).toBeLessThanOrEqual(75);
  });

  it('insets the band from the paper edge with rounded corners, keeping the full-bleed shape for the print shop', () => {
    const { document } = layoutHandout({ root, article: knee, brand: brand('dark'), template: 'handout' });
    const band = document.pages[0]?.boxes.find((b) => b.kind === 'rect' && b.fill === '#111827');
    expect(band).toMatchObject({ x: 18, y: 18, radius: 10, bleed: { x: 0, y: 0, width: 612 } });
  });

  it('tags the contact heading as a heading and the clinic name in its own language', () => {
    const { document } = layoutHandout({ root, article: spanish, brand: brand('long-name'), template: 'handout' });
    const flat = (node: StructNode): StructNode[] => [node, ...node.children.flatMap(flat)];
    const nodes = flat(document.structure);
    expect(nodes.filter((n) => n.role === 'H2').length).toBeGreaterThan(3);
    expect(nodes.some((n) => n.lang === 'en')).toBe(true);
  });
});

describe('a phrase in another language', () => {
  it('keeps its language on its boxes, from :span[…]{lang=…} in the article, and is tagged a Span in reading order', async () => {
    const mixed = article('Ask for :span[la punción seca]{lang=es} by name, or say **dry needling**.');
    const { layout: document, pdf } = await renderHandout({
      root,
      article: mixed,
      brand: brand('harbor-wellness'),
      template: 'handout',
    });
    const boxes = document.pages.flatMap((p) => texts(p.boxes)).filter((b) => b.lang === 'es');
    expect(boxes.map((b) => b.text).join('')).toBe('la punción seca');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(pdf) }).promise;
    type Node = { role?: string; lang?: string; type?: string; children?: Node[] };
    const tree = (await (await doc.getPage(1)).getStructTree()) as Node;
    const find = (n: Node): Node | undefined =>
      (n.children ?? []).find((c) => c.role === 'Span') ?? (n.children ?? []).map(find).find(Boolean);
    const paragraph = (function parentOf(n: Node): Node | undefined {
      if ((n.children ?? []).some((c) => c.role === 'Span')) return n;
      return (n.children ?? []).map(parentOf).find(Boolean);
    })(tree);
    expect(find(tree)?.lang).toBe('es');
    // "Ask for " comes before the Span, then the rest of the sentence.
    const kinds = (paragraph?.children ?? []).map((c) => c.role ?? c.type);
    expect(kinds.slice(0, 3)).toEqual(['content', 'Span', 'content']);
    await doc.destroy();
  });

  it('is an error at its place when the language is missing', () => {
    expect(() => article('Ask for :span[la punción seca] by name.')).toThrow(/:span needs a language/);
  });
});

describe('the urgent-care callout', () => {
  it('is the same alert for every brand: a red bar, a pale red fill and a vector icon', () => {
    for (const id of ['harbor-wellness', 'dark', 'long-name']) {
      const { document } = layoutHandout({ root, article: spanish, brand: brand(id), template: 'handout' });
      const boxes = document.pages.flatMap((p) => p.boxes);
      expect(boxes.some((b) => b.kind === 'rect' && b.fill === '#FEF3F2')).toBe(true);
      expect(boxes.some((b) => b.kind === 'rect' && b.fill === '#B42318')).toBe(true);
      const icon = boxes.find((b) => b.kind === 'path');
      expect(icon && icon.kind === 'path' && icon.shapes[0]?.fill).toBe('#B42318');
    }
  });
});

describe('colours', () => {
  it("keeps a light brand's tint visible on white paper", () => {
    expect(contrastRatio(brand('long-name').colors.primaryTint, '#FFFFFF')).toBeGreaterThanOrEqual(1.12);
  });

  it('darkens a light brand in OKLCH, keeping its hue, to 4.5:1 for text and 3:1 for rules', () => {
    const light = brand('long-name');
    expect(contrastRatio(light.colors.primaryText, '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(light.colors.primaryRule, '#FFFFFF')).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(light.colors.primaryRule, '#FFFFFF')).toBeLessThan(3.3);
    // Still a yellow family: red and green well above blue.
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(light.colors.primaryText.slice(i, i + 2), 16)) as number[];
    expect(Math.min(r as number, g as number)).toBeGreaterThan((b as number) + 60);
  });
});
