import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { readArticle } from '../../src/content/index.js';
import { levelHeadings } from '../../src/layout/heading-levels.js';
import type { StructNode } from '../../src/layout/types.js';
import { layoutHandout, renderHandout } from '../../src/pipeline.js';
import { repoRoot } from '../helpers/project.js';
import { flatten, readStructure } from '../helpers/structure.js';

const root = repoRoot;
const knee = readArticle(join(root, 'content/articles/acupuncture-knee-pain.md'));
const spanish = readArticle(join(root, 'content/articles/puncion-seca-cuello.md'));
const harbor = readBrand(join(root, 'content/clinics/harbor-wellness.yaml'));
const ridgeline = readBrand(join(root, 'content/clinics/ridgeline-integrative.yaml'));

/** Each indirect object's dictionary text, by object number (PDFKit writes objects uncompressed). */
function objects(pdf: Uint8Array): Map<number, string> {
  const raw = Buffer.from(pdf).toString('latin1');
  const found = new Map<number, string>();
  for (const match of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) found.set(Number(match[1]), match[2] ?? '');
  return found;
}

const plan = readArticle(join(root, 'test/fixtures/articles/exercise-plan.md'), root);

const cases = [
  ['handout', knee, harbor],
  ['handout', plan, ridgeline],
  ['large-print', spanish, ridgeline],
  ['two-column', knee, ridgeline],
  ['trifold', spanish, harbor],
] as const;

describe.each(cases)('PDF/UA: %s', (template, article, brand) => {
  it('every annotation belongs to an element of the structure tree, and no heading level is skipped', async () => {
    const { pdf } = await renderHandout({ root, article, brand, template });
    const all = objects(pdf);
    const annotations = [...all].filter(([, text]) => /\/Type \/Annot\b/.test(text));
    expect(annotations.length).toBeGreaterThan(0);
    // Each annotation is the /Obj of an object reference (OBJR) and carries its /StructParent key.
    const referenced = new Set(
      [...all.values()].flatMap((text) =>
        /\/Type \/OBJR\b/.test(text) ? [Number(/\/Obj (\d+) 0 R/.exec(text)?.[1])] : [],
      ),
    );
    for (const [number, text] of annotations) {
      expect(text, `annotation ${number}`).toMatch(/\/StructParent \d+/);
      expect(referenced.has(number), `annotation ${number} in the tree`).toBe(true);
    }
    const levels = flatten((await readStructure(pdf)).pages.flat())
      .flatMap((e) => /^H(\d)\b/.exec(e)?.[1] ?? [])
      .map(Number);
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++)
      expect(levels[i], `heading ${i}`).toBeLessThanOrEqual((levels[i - 1] ?? 0) + 1);
  });
});

/** Each page's object number, in page order (the /Kids of the page tree, which PDFKit keeps flat). */
function pageNumbers(all: Map<number, string>): number[] {
  const tree = [...all.values()].find((text) => /\/Type \/Pages\b/.test(text)) ?? '';
  return [...(/\/Kids \[([^\]]*)\]/.exec(tree)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
}

describe('PDF/UA: link annotations name their own page', () => {
  it.each([
    ['handout', plan, ridgeline, 1],
    ['trifold', spanish, harbor, 1],
  ] as const)(
    '%s: each OBJR /Pg is the page whose /Annots holds the annotation',
    async (template, article, brand, firstPage) => {
      const { pdf } = await renderHandout({ root, article, brand, template });
      const all = objects(pdf);
      const pages = pageNumbers(all);
      expect(pages.length).toBeGreaterThan(1);
      const pageOf = new Map<number, number>();
      pages.forEach((page, index) => {
        for (const m of (/\/Annots \[([^\]]*)\]/.exec(all.get(page) ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g))
          pageOf.set(Number(m[1]), index + 1);
      });
      const references = [...all.values()].flatMap((text) => [
        ...text.matchAll(/\/Type \/OBJR\s*\/Obj (\d+) 0 R\s*\/Pg (\d+) 0 R/g),
      ]);
      expect(references.length).toBe(pageOf.size);
      const named = references.map((m) => [pageOf.get(Number(m[1])), pages.indexOf(Number(m[2])) + 1]);
      for (const [on, pg] of named) expect(pg).toBe(on);
      // Links on the first page (notes in the handout, the tri-fold's outside with the closing) as well as later.
      expect(named.some(([on]) => on === firstPage)).toBe(true);
    },
  );
});

describe('PDF/UA: link descriptions', () => {
  it("a note's links are described in words in the article's language, a web link by its text and address", async () => {
    const horario = readArticle(join(root, 'test/fixtures/articles/horario.es.md'), root);
    const described = async (article: typeof plan) => {
      const { pdf } = await renderHandout({ root, article, brand: ridgeline, template: 'handout' });
      return [...objects(pdf).values()]
        .filter((text) => /\/Subtype \/Link\b/.test(text))
        .map((text) => /\/Contents \(((?:\\.|[^\\)])*)\)/.exec(text)?.[1]?.replace(/\\(.)/g, '$1'));
    };
    const english = await described(plan);
    expect(english).toEqual(
      expect.arrayContaining(['Note 1', 'Note 2', 'Back to the text (Note 1)', 'Back to the text (Note 2)']),
    );
    expect(english).toContain('ridgeline.example (https://ridgeline.example)');
    expect(english.some((c) => c?.includes('#fn'))).toBe(false);
    expect(await described(horario)).toEqual(expect.arrayContaining(['Nota 1', 'Volver al texto (Nota 1)']));
  });
});

describe('PDF/UA: page furniture', () => {
  it('the footer web address is plain text: no link, no underline, on every page', () => {
    const { document } = layoutHandout({ root, article: knee, brand: harbor, template: 'handout' });
    for (const page of document.pages) {
      const footer = page.boxes.filter((b) => b.kind === 'text' && b.node === null && b.text.includes('example.org'));
      expect(footer.length).toBeGreaterThan(0);
      expect(footer.every((b) => b.kind === 'text' && b.href === null)).toBe(true);
      // No underline rule under it either (underlines are rules thinner than 3 pt, drawn in the text's colour).
      const under = page.boxes.filter(
        (b) =>
          b.kind === 'rect' &&
          b.height < 3 &&
          footer.some((f) => f.kind === 'text' && Math.abs(b.x - f.x) < 1 && b.y > f.y && b.y < f.y + 4),
      );
      expect(under).toEqual([]);
    }
  });
});

describe('PDF/UA: lists', () => {
  it('every list says how it is numbered in its List attributes', async () => {
    const { pdf } = await renderHandout({ root, article: knee, brand: harbor, template: 'handout' });
    const lists = [...objects(pdf).values()].filter((text) => /\/S \/L\s/.test(text));
    expect(lists.length).toBeGreaterThan(1);
    const numbering = lists.map((text) => /\/A <<\s*\/O \/List\s*\/ListNumbering \/(\w+)/.exec(text)?.[1]);
    expect(numbering).toContain('Disc');
    expect(numbering).toContain('Decimal');
    expect(numbering.every((n) => n === 'Disc' || n === 'Decimal')).toBe(true);
  });
});

describe('heading levels', () => {
  const node = (role: StructNode['role'], children: StructNode[] = []): StructNode => ({
    id: 1,
    role,
    alt: null,
    children,
  });
  const roles = (nodes: readonly StructNode[]): string[] => nodes.flatMap((n) => [n.role, ...roles(n.children)]);
  it('tags a heading one level below the open one, and starts at H1', () => {
    expect(roles(levelHeadings([node('H1'), node('Div', [node('H3'), node('P')]), node('H3'), node('H4')]))).toEqual([
      'H1',
      'Div',
      'H2',
      'P',
      'H2',
      'H3',
    ]);
    expect(roles(levelHeadings([node('H2'), node('H3'), node('H2')]))).toEqual(['H1', 'H2', 'H1']);
    const unchanged = [node('H1'), node('H2'), node('H3'), node('H2')];
    expect(levelHeadings(unchanged)[3]).toBe(unchanged[3]);
  });
});
