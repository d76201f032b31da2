import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { readArticle } from '../../src/content/index.js';
import type { Article, Block, Inline } from '../../src/content/types.js';
import { layoutDocument } from '../../src/layout/index.js';
import { renderHandout } from '../../src/pipeline.js';
import { renderPdf } from '../../src/render/index.js';
import { parseSpec } from '../../src/spec/index.js';
import { pageImage } from '../helpers/pdf.js';
import { repoRoot } from '../helpers/project.js';
import { taggedText, words } from '../helpers/tagged-text.js';

const harbor = readBrand(join(repoRoot, 'content/clinics/harbor-wellness.yaml'));
const ridgeline = readBrand(join(repoRoot, 'content/clinics/ridgeline-integrative.yaml'));
const article = (file: string) => readArticle(file, repoRoot);
const english = article(join(repoRoot, 'content/articles/acupuncture-knee-pain.md'));
const spanish = article(join(repoRoot, 'content/articles/puncion-seca-cuello.md'));
const diacritics = article(join(repoRoot, 'test/fixtures/text/diacritics.md'));

/** A link's short address, as the templates print it after link text that is not the address itself. */
const short = (href: string) =>
  href
    .replace(/^(https?:\/\/|mailto:|tel:)/, '')
    .replace(/^www\./, '')
    .replace(/\/$/, '');

/** A block's text as printed: words, and after a link whose text is other words, its short address. */
const inlineText = (inlines: readonly Inline[]) =>
  inlines
    .map((i, index) => {
      if (i.type !== 'text') return ' ';
      if (!i.href) return i.text;
      if (short(i.text) === short(i.href)) return short(i.href);
      const next = inlines[index + 1];
      const ends = next?.type !== 'text' || next.href !== i.href;
      return ends ? `${i.text} (${short(i.href)})` : i.text;
    })
    .join('');

const isUrgent = (b: Block) => b.type === 'callout' && (b.kind === 'warning' || b.kind === 'caution');

/**
 * The article's words block by block, in reading order: what the tagged PDF must say. The tri-fold reads
 * its flap (the summary, then the urgent-care callout) before the article inside.
 */
function blockWords(article: Article, template: string): string[][] {
  const fromBlocks = (blocks: readonly Block[]): string[][] =>
    blocks.flatMap((block): string[][] => {
      switch (block.type) {
        case 'heading':
        case 'paragraph':
          return [words(inlineText(block.inlines))];
        case 'list':
          return block.items.flatMap((item) => fromBlocks(item.blocks));
        case 'quote':
          return fromBlocks(block.blocks);
        case 'callout':
          return [...(block.title ? [words(block.title)] : []), ...fromBlocks(block.blocks)];
        default:
          return [];
      }
    });
  const urgent = template === 'trifold' ? article.blocks.find(isUrgent) : undefined;
  return [
    words(article.title),
    ...(article.subtitle ? [words(article.subtitle)] : []),
    ...(article.summary ? [words(article.summary)] : []),
    ...(urgent ? fromBlocks([urgent]) : []),
    ...fromBlocks(article.blocks.filter((b) => b !== urgent)),
  ].filter((run) => run.length > 0);
}

/** Where each block's words first appear, in order, as one unbroken run of the tagged words; -1 if not. */
function missingBlock(runs: readonly string[][], tagged: readonly string[]): string | null {
  let from = 0;
  for (const run of runs) {
    let found = -1;
    for (let i = from; i + run.length <= tagged.length && found < 0; i++) {
      if (run.every((word, k) => tagged[i + k] === word)) found = i;
    }
    if (found < 0) return run.join(' ');
    from = found + run.length;
  }
  return null;
}

const cases: [string, Article, string[]][] = [
  ['English', english, ['handout', 'large-print', 'two-column']],
  ['Spanish', spanish, ['handout', 'large-print', 'two-column', 'trifold']],
  ['diacritics and symbols', diacritics, ['handout', 'large-print', 'two-column', 'trifold']],
];

describe('the tagged text is the article, word for word', () => {
  for (const [name, source, templates] of cases) {
    for (const template of templates) {
      it(`${name}, ${template}`, async () => {
        const brand = template === 'trifold' ? ridgeline : harbor;
        const { pdf } = await renderHandout({ root: repoRoot, article: source, brand, template });
        const tagged = words(await taggedText(pdf));
        expect(missingBlock(blockWords(source, template), tagged)).toBeNull();
      });
    }
  }
});

describe('the fonts of a PDF say what every drawn glyph stands for', () => {
  it('maps each glyph through ToUnicode to its text, a line-end hyphen to U+00AD and a written one to U+002D', async () => {
    const { pdf } = await renderHandout({ root: repoRoot, article: spanish, brand: ridgeline, template: 'two-column' });
    const glyphs = await drawnGlyphs(pdf);
    expect(glyphs.length).toBeGreaterThan(1000);
    expect(glyphs.filter((g) => g === '' || g.includes('\u0000'))).toEqual([]);
    // Justified and hyphenated: both kinds of hyphen appear, each with its own meaning.
    expect(glyphs).toContain('\u00AD');
    expect(glyphs).toContain('-');
    expect(Buffer.from(pdf).toString('latin1')).not.toContain('/CIDSet');
  });
});

/** The Unicode text of every glyph drawn in a PDF, one entry per glyph, as pdf.js maps it. */
async function drawnGlyphs(pdf: Uint8Array): Promise<string[]> {
  const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const list = await (await doc.getPage(n)).getOperatorList();
    list.fnArray.forEach((fn, i) => {
      if (fn !== OPS.showText && fn !== OPS.showSpacedText) return;
      for (const glyph of (list.argsArray[i] as unknown[][])[0] as (number | { unicode: string })[]) {
        if (typeof glyph !== 'number') out.push(glyph.unicode);
      }
    });
  }
  await doc.destroy();
  return out;
}

describe('combining marks', () => {
  /** The ink of one line of 96 pt text, rendered in-process: its left, right and top edges in pixels. */
  async function ink(text: string) {
    const xml = `<document margin="72pt"><style name="body" size="96pt"/><body><p>${text}</p></body></document>`;
    const spec = parseSpec({ xml, templateFile: join(repoRoot, 'templates/t/layout.hbs') }, { root: repoRoot });
    const pdf = await renderPdf(layoutDocument(spec, { images: new Map() }), { images: new Map(), date: new Date(0) });
    const page = await pageImage(pdf, 1);
    let [left, right, top] = [page.width, 0, page.height];
    for (let y = 0; y < page.height / 3; y++) {
      for (let x = 0; x < page.width; x++) {
        if ((page.data[(y * page.width + x) * 4] as number) > 128) continue;
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
      }
    }
    return { left, right, top };
  }

  it('sets a combining grave over its letter (ọ + U+0300, as in Adébáyọ̀), not after it', async () => {
    const base = await ink('\u1ECD');
    const marked = await ink('\u1ECD\u0300');
    // The mark adds ink above the letter and none to its right.
    expect(marked.top).toBeLessThan(base.top - 10);
    expect(marked.right).toBeLessThanOrEqual(base.right + 2);
    expect(marked.left).toBeGreaterThanOrEqual(base.left - 2);
  });
});
