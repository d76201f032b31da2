import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { faceFile } from '../../src/fonts/index.js';
import { layoutDocument } from '../../src/layout/index.js';
import type { LaidOutDocument, TextBox } from '../../src/layout/types.js';
import { parseSpec } from '../../src/spec/index.js';
import { systemFont } from '../helpers/ocr.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';
import { taggedText } from '../helpers/tagged-text.js';

// Chinese, Japanese and Korean handouts, with a CJK font in the project's fonts/ and no template edited, and
// Vietnamese words each in one typeface. The fonts come from Debian (.ci/run installs them); without them the
// CJK cases are skipped with a message.

const droid = systemFont('DroidSansFallbackFull.ttf');
const noto = systemFont('NotoSansCJK-Regular.ttc');
if (!droid) console.warn("cjk.test: Debian's fonts-droid-fallback is missing: Chinese and Japanese cases are skipped");
if (!noto) console.warn("cjk.test: Debian's fonts-noto-cjk is missing: Korean cases are skipped");

const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/cjk', `${name}.md`), 'utf8');
/** Droid Sans Fallback (TrueType) has Han and kana but no Hangul: Korean takes Noto Sans CJK. */
const languages = [
  { id: 'zh-hant', font: 'droid' },
  { id: 'zh-hans', font: 'droid' },
  { id: 'ja', font: 'droid' },
  { id: 'ko', font: 'noto' },
] as const;
const templates = ['handout', 'two-column', 'large-print', 'trifold'];

/** The article's headings and paragraphs, as the tagged PDF must give them: each one whole, nothing added. */
function blocksOf(markdown: string): string[] {
  const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown) ?? [];
  const fields = ['title', 'summary'].map((key) => new RegExp(`^${key}: (.*)$`, 'm').exec(front)?.[1] ?? '');
  return [...fields, ...body.split('\n').map((line) => line.replace(/^## /, ''))].filter((line) => line.trim());
}

/** Closing punctuation, small kana and marks that may not start a line; opening punctuation that may not end one. */
const noStart = /^[、。，．：；？！）」』】〕〉》”’・ー…ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ%),.:;?!]/u;
const noEnd = /[（「『【〔〈《“‘(]$/u;

/** The font a language's handouts take, as a file for the project's fonts/; null when it is not installed. */
function fontFile(font: 'droid' | 'noto'): Record<string, Buffer> | null {
  const path = font === 'droid' ? droid : noto;
  return path ? { [`fonts/${path.split('/').pop()}`]: readFileSync(path) } : null;
}

const made: string[] = [];
afterAll(() => {
  for (const root of made) removeProject(root);
});

describe('Chinese, Japanese and Korean handouts', () => {
  for (const { id, font } of languages) {
    const files = fontFile(font);
    it.skipIf(!files)(
      `${id}: builds in every template with the font in fonts/ only; the text layer is the article, no space added`,
      async () => {
        const root = makeProject({
          ...files,
          [`content/articles/${id}.md`]: fixture(id),
          'handout.config.yaml': `builds:\n${templates.map((t) => `  - template: ${t}\n    articles: [${id}]\n    clinics: [harbor-wellness]\n`).join('')}`,
        });
        made.push(root);
        const report = await buildProject({ root, articles: [], clinics: [], jobs: 1 });
        expect(report.errors).toEqual([]);
        expect(report.outputs).toHaveLength(templates.length);
        const blocks = blocksOf(fixture(id));
        for (const output of report.outputs) {
          const pdf = readFileSync(output.path);
          // The tagged text read strictly (pdf.js, each glyph's Unicode in structure order, nothing repaired); a
          // paragraph that goes on over a page or column is two pieces there, so only block ends are joined.
          const tagged = (await taggedText(pdf)).replaceAll('\n', '');
          for (const block of blocks) expect(tagged, output.path).toContain(block);
          // Poppler prints each page's piece of an element as its own string: join pieces of one element.
          const struct = structText(output.path)?.replace(/"\n\s*"/g, '');
          if (struct !== undefined) for (const block of blocks) expect(struct, output.path).toContain(`"${block}"`);
        }
      },
    );
  }
});

/** Poppler's reading of the structure tree (`pdfinfo -struct-text`), or undefined without poppler-utils. */
function structText(pdf: string): string | undefined {
  try {
    return execFileSync('pdfinfo', ['-struct-text', pdf], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** A layout of one paragraph style over paragraphs, in a project with the CJK fonts in fonts/. */
function layoutIn(root: string, paragraphs: readonly string[], style: string, lang: string, margin = '72pt') {
  const xml = `<document lang="${lang}" margin="${margin}"><style name="body" size="10.5pt" leading="1.4" space-after="0" ${style}/><body>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></document>`;
  const spec = parseSpec({ xml, templateFile: join(root, 'templates/t/layout.hbs') }, { root });
  return layoutDocument(spec, { images: new Map() });
}

const texts = (doc: LaidOutDocument) =>
  doc.pages.flatMap((page, n) =>
    page.boxes.filter((b): b is TextBox => b.kind === 'text').map((box) => ({ ...box, page: n })),
  );

/** The lines of a laid-out document in order: each line's boxes (same page, same baseline). */
function linesOf(doc: LaidOutDocument): TextBox[][] {
  const lines = new Map<string, TextBox[]>();
  for (const box of texts(doc)) {
    const key = `${box.page}|${box.y.toFixed(3)}`;
    lines.set(key, [...(lines.get(key) ?? []), box]);
  }
  return [...lines.values()];
}

const lineText = (line: readonly TextBox[]) =>
  line
    .map((b) => b.text)
    .join('')
    .trim();

describe.skipIf(!droid)('CJK line breaking and justification (in-process layout)', () => {
  const root = makeProject({ ...fontFile('droid'), ...fontFile('noto') }, { samples: false });
  made.push(root);
  // Korean only with a font that has Hangul.
  const paragraphs = languages
    .filter(({ font }) => fontFile(font))
    .flatMap(({ id }) => blocksOf(fixture(id)).filter((b) => b.length > 40));

  it('never starts a line with closing punctuation or a small kana, nor ends one with opening punctuation', () => {
    let checked = 0;
    const offences: string[] = [];
    for (let right = 72; right <= 420; right += 18) {
      const lines = linesOf(layoutIn(root, paragraphs, '', 'zh', `72pt ${right}pt 72pt 72pt`)).map(lineText);
      lines.forEach((line, i) => {
        const next = lines[i + 1];
        if (noStart.test(line) && i > 0) offences.push(`starts: ${line}`);
        if (next !== undefined && noEnd.test(line)) offences.push(`ends: ${line}`);
        checked++;
      });
    }
    expect(offences).toEqual([]);
    // Many lines, at 20 column widths: more than the 261 the issue counted.
    expect(checked).toBeGreaterThan(500);
  });

  it.skipIf(!noto)('breaks Korean between words, at its spaces, never between two syllables of a word', () => {
    const korean = blocksOf(fixture('ko')).filter((b) => b.length > 40);
    for (let right = 150; right <= 400; right += 50) {
      for (const paragraph of korean) {
        const lines = linesOf(layoutIn(root, [paragraph], '', 'ko', `72pt ${right}pt 72pt 72pt`)).map(lineText);
        expect(lines.length).toBeGreaterThan(1);
        expect(lines.join(' ')).toBe(paragraph);
      }
    }
  });

  it('gives a table column of Chinese text only the room it needs: it wraps between characters', () => {
    const sentence = (paragraphs[0] as string).slice(0, 60);
    const cells = ['時間', sentence, '每天兩次'].map((c) => `<td>${c}</td>`).join('');
    const xml = `<document lang="zh-Hant" margin="72pt 300pt 72pt 72pt"><style name="body" size="10.5pt" leading="1.4" space-after="0"/><body><table>${'<tr><th>一</th><th>二</th><th>三</th></tr>'}<tr>${cells}</tr></table></body></document>`;
    const doc = layoutDocument(parseSpec({ xml, templateFile: join(root, 'templates/t/layout.hbs') }, { root }), {
      images: new Map(),
    });
    const boxes = texts(doc);
    for (const box of boxes) expect(box.x + box.width).toBeLessThanOrEqual(612 - 300 + 0.01);
    // The sentence's column: its lines, top to bottom, are the sentence, every character kept.
    const column = boxes.find((b) => b.text.startsWith(sentence.slice(0, 2)))?.x;
    const lines = boxes.filter((b) => b.x === column && b.text !== '二');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.map((b) => b.text).join('')).toBe(sentence);
  });

  it('does not hyphenate CJK text, even where the style hyphenates', () => {
    const doc = layoutIn(root, paragraphs, 'hyphenate="true" align="justify"', 'zh', '72pt 380pt 72pt 72pt');
    const all = texts(doc)
      .map((b) => b.text)
      .join('');
    expect(all).not.toContain('\u00AD');
    expect(all.replace(/\s+/g, '')).toBe(paragraphs.join('').replace(/\s+/g, ''));
  });

  it('justifies CJK lines by inter-character spacing: every line but the last reaches the column edge', () => {
    const right = 612 - 300;
    for (const paragraph of paragraphs) {
      const lines = linesOf(layoutIn(root, [paragraph], 'align="justify"', 'zh', '72pt 300pt 72pt 72pt'));
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines.slice(0, -1)) {
        const end = Math.max(...line.map((b) => b.x + b.width));
        expect(end, lineText(line)).toBeCloseTo(right, 2);
      }
      // The last line is left as set, short of the edge.
      const last = lines.at(-1) as TextBox[];
      expect(Math.max(...last.map((b) => b.x + b.width))).toBeLessThan(right - 1);
    }
    // The same paragraphs ragged: lines end where their characters end, short of the edge.
    const ragged = linesOf(layoutIn(root, paragraphs, 'align="left"', 'zh', '72pt 300pt 72pt 72pt'));
    expect(ragged.filter((line) => Math.max(...line.map((b) => b.x + b.width)) < right - 1).length).toBeGreaterThan(
      paragraphs.length,
    );
  });

  it('sets CJK with more leading than Latin (1.15 times the style’s)', () => {
    const pitch = (lang: string) => {
      const lines = linesOf(layoutIn(root, [paragraphs[0] as string], '', lang, '72pt 400pt 72pt 72pt'));
      return ((lines[1]?.[0]?.y ?? 0) - (lines[0]?.[0]?.y ?? 0)) / 10.5;
    };
    expect(pitch('en')).toBeCloseTo(1.4, 5);
    expect(pitch('zh-Hant')).toBeCloseTo(1.4 * 1.15, 5);
    expect(pitch('ja')).toBeCloseTo(1.4 * 1.15, 5);
  });
});

describe('one typeface per word', () => {
  const root = makeProject({}, { samples: false });
  made.push(root);

  /** Each word as drawn (a line end or a space ends one) with the font files its characters are drawn in. */
  function drawnWords(doc: LaidOutDocument): { text: string; files: Set<string> }[] {
    const words: { text: string; files: Set<string> }[] = [];
    let current: { text: string; files: Set<string> } | null = null;
    for (const line of linesOf(doc)) {
      for (const box of line)
        for (const char of box.text) {
          if (/\s/.test(char)) current = null;
          else {
            if (!current) {
              current = { text: '', files: new Set() };
              words.push(current);
            }
            current.text += char;
            current.files.add(faceFile(box.font));
          }
        }
      current = null;
    }
    return words;
  }
  const mixed = (words: ReturnType<typeof drawnWords>) =>
    words.filter((w) => w.files.size > 1).map((w) => `${w.text}: ${[...w.files].join(', ')}`);
  const inFont = (words: ReturnType<typeof drawnWords>, name: string) =>
    words.filter((w) => [...w.files].every((f) => f.includes(name))).map((w) => w.text);

  it('sets a Vietnamese article in one typeface that has the whole alphabet, never two within a word', () => {
    const words = drawnWords(layoutIn(root, blocksOf(fixture('vi')), '', 'vi'));
    expect(mixed(words)).toEqual([]);
    // Atkinson Hyperlegible lacks ơ, ư, ệ and most toned vowels: DejaVu Sans has them all, so every word is in it,
    // "cho" and "và" too (a paragraph switching typeface word by word reads as two sizes of type).
    expect(words.length).toBeGreaterThan(60);
    expect(inFont(words, 'DejaVu')).toEqual(words.map((w) => w.text));
  });

  it('in another language, falls back for the words the body font lacks, each word whole', () => {
    const words = drawnWords(
      layoutIn(root, ['Ask for Nguyễn Thị Huyền at the front desk; she speaks Vietnamese and English.'], '', 'en'),
    );
    expect(mixed(words)).toEqual([]);
    expect(inFont(words, 'DejaVu')).toEqual(['Nguyễn', 'Thị', 'Huyền']);
    expect(inFont(words, 'Atkinson')).toEqual(expect.arrayContaining(['Ask', 'front', 'Vietnamese', 'English.']));
  });
});
