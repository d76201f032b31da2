import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { readArticle } from '../../src/content/index.js';
import type { StructNode } from '../../src/layout/types.js';
import { layoutHandout, renderHandout } from '../../src/pipeline.js';
import { renderPdf } from '../../src/render/index.js';
import { pageTexts } from '../helpers/pdf.js';
import { repoRoot } from '../helpers/project.js';
import { flatten, readStructure, type StructItem } from '../helpers/structure.js';
import { taggedText } from '../helpers/tagged-text.js';

const flattenNodes = (node: StructNode): StructNode[] => [node, ...node.children.flatMap(flattenNodes)];

const harbor = readBrand(join(repoRoot, 'content/clinics/harbor-wellness.yaml'));
const ridgeline = readBrand(join(repoRoot, 'content/clinics/ridgeline-integrative.yaml'));
const fixture = (name: string) => readArticle(join(repoRoot, 'test/fixtures/articles', name), repoRoot);
const plan = fixture('exercise-plan.md');
const horario = fixture('horario.es.md');
const german = fixture('uebungen-knie.de.md');
// A brochure needs an article that fills it: the schedule with the Spanish sample's text after it.
const spanishSample = readArticle(join(repoRoot, 'content/articles/puncion-seca-cuello.md'), repoRoot);
const horarioLong = { ...horario, blocks: [...horario.blocks, ...spanishSample.blocks] };

/** Every element of the tree with its path of roles, e.g. "Table/TBody/TR/TD". */
function paths(items: readonly StructItem[], prefix = ''): { path: string; item: StructItem }[] {
  return items.flatMap((item) => {
    const path = prefix ? `${prefix}/${item.role}` : item.role;
    return [{ path, item }, ...paths(item.children, path)];
  });
}

describe('tables in the PDF', () => {
  it.each(['handout', 'large-print', 'two-column'])(
    '%s: a long table runs on with its header repeated, tagged once as Table/THead/TBody/TR/TH/TD',
    async (template) => {
      const { pdf, layout } = await renderHandout({ root: repoRoot, article: plan, brand: harbor, template });
      const pages = await pageTexts(pdf);
      // The header row is drawn on every page (or column) the table reaches…
      // Counted by "What" (only in the header): "Repetitions" may be hyphenated, the numbers' column kept narrow.
      const drawn = pages.join('\n').match(/\bWhat\b/g) ?? [];
      const frames = new Set(
        layout.pages.flatMap((page, p) =>
          page.boxes.filter((b) => b.kind === 'text' && /^Week \d/.test(b.text)).map((b) => `${p}:${b.x < 300}`),
        ),
      );
      expect(drawn.length).toBe(frames.size);
      expect(drawn.length).toBeGreaterThan(1);
      // …but read once: the repeats are artifacts.
      const { pages: tree } = await readStructure(pdf);
      const all = paths(tree.flat());
      const tables = all.filter((p) => p.item.role === 'Table');
      expect(tables.length).toBeGreaterThanOrEqual(1);
      const headers = all.filter((p) => p.path.endsWith('THead/TR/TH'));
      // pdf.js reads a word hyphenated at a line's end as its two halves (it drops the soft hyphen).
      expect(headers.map((h) => h.item.text)).toEqual([
        'Week',
        'Exercise',
        expect.stringMatching(/^Rep(?:e|eti)\u00AD? ?(?:titions|tions)$|^Repetitions$/),
        'What to watch for',
      ]);
      const rows = all.filter((p) => p.path.endsWith('TBody/TR'));
      expect(rows).toHaveLength(36);
      const cells = all.filter((p) => p.path.endsWith('TBody/TR/TD')).map((p) => p.item.text);
      expect(cells.slice(0, 4)).toEqual(['Week 1', 'Quad sets', '11', 'Keep going.']);
      expect(cells.slice(12, 16)).toEqual([
        'Week 4',
        'Step-ups',
        '14',
        'Rest a day if your knee is sore the next morning.',
      ]);
      expect(layout.pages.length).toBeGreaterThan(1);
    },
  );

  it('header cells carry /Scope /Column in their Table attributes', async () => {
    const laid = layoutHandout({ root: repoRoot, article: horario, brand: harbor, template: 'handout' });
    const pdf = await renderPdf(laid.document, {
      images: laid.images,
      date: new Date('2026-10-01T00:00:00Z'),
      compress: false,
    });
    const raw = Buffer.from(pdf).toString('latin1');
    const th = [...raw.matchAll(/\/S \/TH\s*\/A <<\s*\/O \/Table\s*\/Scope \/Column\s*>>/g)];
    expect(th).toHaveLength(4);
  });

  it.each(['handout', 'large-print', 'two-column', 'trifold'])(
    '%s: a Spanish table with its Spanish note list',
    async (template) => {
      // On Letter the tri-fold's panels are too narrow for this table at 11.5 pt: its fit mode makes the type smaller.
      const brand = template === 'trifold' ? harbor : ridgeline;
      const article = template === 'trifold' ? horarioLong : horario;
      const { pdf, notes } = await renderHandout({ root: repoRoot, article, brand, template });
      if (template === 'trifold')
        expect(notes).toContainEqual(
          expect.objectContaining({
            code: 'fit-size',
            message: expect.stringMatching(/^fit: \w+ set the body text to/),
          }),
        );
      // A word hyphenated in a narrow panel's cell keeps its soft hyphen in the text layer.
      const text = (await taggedText(pdf)).replaceAll('\u00AD', '');
      expect(text).toContain('Hora del día');
      expect(text).toContain('¿Con comida?');
      expect(text).toContain('Notas');
      expect(text).toContain('Tomar la medicina con comida protege su estómago.');
      const { pages } = await readStructure(pdf);
      expect(flatten(pages.flat()).filter((line) => line.startsWith('TD'))).toHaveLength(16);
    },
  );
});

describe('tables in every language', () => {
  it.each(['handout', 'large-print', 'two-column', 'trifold'])(
    '%s: a German table with long compounds is built, its words hyphenated in the cells',
    (template) => {
      // Refused as table-too-wide in three of the four templates while cells were never hyphenated.
      const { document } = layoutHandout({ root: repoRoot, article: german, brand: harbor, template });
      const cells = flattenNodes(document.structure).filter((n) => n.role === 'TD' || n.role === 'TH');
      expect(cells).toHaveLength(20);
      const boxes = document.pages.flatMap((p) => p.boxes).filter((b) => b.kind === 'text');
      const cellText = cells.map((c) =>
        boxes
          .filter((b) => b.node === c.id)
          .map((b) => b.text)
          .join(''),
      );
      const compound = cellText.find((t) => t.replaceAll('\u00AD', '') === 'Oberschenkelanspannung');
      expect(compound).toBeDefined();
      expect(cellText.join('')).toMatch(/\u00AD/);
    },
  );
});

describe('footnotes in the PDF', () => {
  it('numbers the references, links each to its Note, and reads the number and the note text', async () => {
    const { pdf } = await renderHandout({ root: repoRoot, article: plan, brand: harbor, template: 'handout' });
    const { pages } = await readStructure(pdf);
    const all = paths(pages.flat());
    // Each reference: a Reference holding a Link with the number, inside the paragraph it belongs to.
    const references = all.filter((p) => p.path.endsWith('P/Reference/Link')).map((p) => p.item.text);
    expect(references).toEqual(['1', '2', '1']);
    // The notes at the end, under the localised title, each a Note with its label and text.
    const notes = all.filter((p) => p.item.role === 'Note');
    expect(notes.map((n) => n.item.children.map((c) => `${c.role}: ${c.text}`))).toEqual([
      ['Lbl: ', 'P: Your therapist may change the plan as you get stronger.'],
      ['Lbl: ', 'P: Taking medicine with food protects your stomach.'],
    ]);
    // Each note's number is a link back to its first reference: Lbl/Reference/Link.
    const back = all.filter((p) => p.path.endsWith('Note/Lbl/Reference/Link')).map((p) => p.item.text);
    expect(back).toEqual(['1.', '2.']);
    const headings = all.filter((p) => p.item.role === 'H2').map((p) => p.item.text);
    expect(headings.indexOf('Notes')).toBeGreaterThan(headings.indexOf('Week by week'));
    // The text layer reads the number right after the word it marks, and the note text as written.
    const text = await taggedText(pdf);
    expect(text).toContain('physical therapist.1 Take your pain medicine with food.2');
    expect(text).toContain('Taking medicine with food protects your stomach.');
  });

  it('each reference is a link to the note, and each note has an /ID listed in the IDTree', async () => {
    const laid = layoutHandout({ root: repoRoot, article: plan, brand: harbor, template: 'handout' });
    const pdf = await renderPdf(laid.document, {
      images: laid.images,
      date: new Date('2026-10-01T00:00:00Z'),
      compress: false,
    });
    const raw = Buffer.from(pdf).toString('latin1');
    expect([...raw.matchAll(/\/S \/GoTo\s*\/D \(fn-(\d)\)/g)].map((m) => m[1])).toEqual(['1', '2', '1']);
    expect([...raw.matchAll(/\/S \/Note[\s\S]{0,80}?\/ID \((fn-\d)\)/g)].map((m) => m[1])).toEqual(['fn-1', 'fn-2']);
    expect(raw).toMatch(/\/IDTree <<\s*\/Names \[\(fn-1\) \d+ 0 R \(fn-2\) \d+ 0 R\]/);
    const destination = String.raw`\[\d+ 0 R \/XYZ [\d.]+ [\d.]+ null\]\s*`;
    expect(raw).toMatch(
      new RegExp(
        String.raw`\/Dests <<[^>]*\/Names \[\s*\(fn-1\) ${destination}\(fn-1-ref\) ${destination}\(fn-2\) ${destination}\(fn-2-ref\)`,
      ),
    );
    // The notes' numbers lead back to the references.
    expect([...raw.matchAll(/\/S \/GoTo\s*\/D \((fn-\d-ref)\)/g)].map((m) => m[1])).toEqual(['fn-1-ref', 'fn-2-ref']);
  });
});
