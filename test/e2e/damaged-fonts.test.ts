import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { checkProject } from '../../src/check/index.js';
import { openFace } from '../../src/fonts/index.js';
import { DocumentFont } from '../../src/render/document-font.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

// A damaged or unsupported font is an error at the font and at the template naming it, before any PDF.

const made: string[] = [];
afterAll(() => {
  for (const root of made) removeProject(root);
});

const dejaVuPath = join(repoRoot, 'fonts/dejavu/DejaVuSans.ttf');
const dejaVu = readFileSync(dejaVuPath);
const parsed = fontkit.create(dejaVu) as fontkit.Font;

/** DejaVu Sans with the first part of each composite glyph (of the characters given) replaced. */
function withFirstParts(changes: [character: string, part: (ids: number[]) => number][]): Buffer {
  const bytes = Buffer.from(dejaVu);
  const tables = (parsed as unknown as { directory: { tables: Record<string, { offset: number }> } }).directory.tables;
  const glyf = (tables.glyf as { offset: number }).offset;
  const loca = (tables.loca as { offset: number }).offset;
  const long = bytes.readInt16BE((tables.head as { offset: number }).offset + 50) === 1;
  const ids = changes.map(([character]) => parsed.glyphForCodePoint(character.codePointAt(0) as number).id);
  changes.forEach(([, part], i) => {
    const id = ids[i] as number;
    const start = glyf + (long ? bytes.readUInt32BE(loca + id * 4) : bytes.readUInt16BE(loca + id * 2) * 2);
    expect(bytes.readInt16BE(start), 'a composite glyph').toBeLessThan(0);
    // Composite: header (10 bytes), then flags and the first part's glyph index.
    bytes.writeUInt16BE(part(ids), start + 12);
  });
  return bytes;
}

/** A project whose template draws its body text in fonts/<file>. */
function projectWith(file: string, bytes: Buffer) {
  const layout = readFileSync(join(repoRoot, 'templates/handout/layout.hbs'), 'utf8');
  const styles = readFileSync(join(repoRoot, 'templates/handout/styles.hbs'), 'utf8');
  const root = makeProject({
    [`fonts/${file}`]: bytes,
    'templates/custom/layout.hbs': layout,
    'templates/custom/styles.hbs': `<font name="Brand" regular="${file}"/>\n${styles.replace('font="Atkinson Hyperlegible"', 'font="Brand"')}`,
    'handout.config.yaml': 'builds:\n  - template: custom\n    articles: [puncion-seca-cuello]\n',
  });
  made.push(root);
  return root;
}

/** Check and build both refuse the font: at the file, at the template's <font>, and no PDF is written. */
async function expectRefused(file: string, bytes: Buffer, code: string, pattern: RegExp) {
  const message = expect.stringMatching(pattern);
  const root = projectWith(file, bytes);
  const checked = (await checkProject({ root })).problems;
  expect(checked).toContainEqual(expect.objectContaining({ code, file: join(root, 'fonts', file), message }));
  expect(checked).toContainEqual(
    expect.objectContaining({ file: join(root, 'templates/custom/styles.hbs'), line: 1, column: 1, message }),
  );
  const built = await buildProject({ root, articles: [], clinics: [], jobs: 1 });
  expect(built.errors).toContainEqual(expect.objectContaining({ message }));
  expect(built.outputs).toEqual([]);
  const out = join(root, 'out');
  const pdfs = existsSync(out) ? readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.pdf')) : [];
  expect(pdfs).toEqual([]);
}

describe('damaged fonts are errors before any PDF is written', () => {
  it('a composite glyph made of itself', async () => {
    await expectRefused(
      'Self.ttf',
      withFirstParts([['É', ([self]) => self as number]]),
      'font-invalid',
      /cannot load font Self\.ttf: composite glyph \d+ is made of itself/,
    );
  });

  it('two composite glyphs made of each other', async () => {
    await expectRefused(
      'Cycle.ttf',
      withFirstParts([
        ['É', ([, other]) => other as number],
        ['È', ([one]) => one as number],
      ]),
      'font-invalid',
      /cannot load font Cycle\.ttf: composite glyph \d+ is made of itself/,
    );
  });

  it('a composite glyph made of a glyph the font does not have', async () => {
    await expectRefused(
      'Beyond.ttf',
      withFirstParts([['É', () => 65000]]),
      'font-invalid',
      /cannot load font Beyond\.ttf: composite glyph \d+ is made of glyph 65000, which the font does not have/,
    );
  });

  it('a Type 1 font (.pfb) is refused by name, not as a cut-short file', async () => {
    const pfb = Buffer.concat([
      Buffer.from([0x80, 0x01, 0x20, 0, 0, 0]),
      Buffer.from('%!PS-AdobeFont-1.0: Test 001\n'),
    ]);
    await expectRefused('Test.pfb', pfb, 'font-format', /Type 1 fonts are not supported; use an OpenType version/);
  });

  it('a Type 1 font in text form (.pfa)', async () => {
    await expectRefused(
      'Test.pfa',
      Buffer.from('%!PS-AdobeFont-1.0: Test 001\n'),
      'font-format',
      /Type 1 fonts are not supported; use an OpenType version/,
    );
  });

  it('CFF2 outlines are refused by name (a table of that name in the directory)', async () => {
    const bytes = Buffer.from(dejaVu);
    const at = bytes.indexOf('glyf', 12, 'latin1');
    bytes.write('CFF2', at, 'latin1');
    await expectRefused('Cff2.otf', bytes, 'font-format', /CFF2 outlines .* cannot be embedded yet/);
  });

  it('WOFF2 is refused by name (fontkit cannot subset it)', async () => {
    const woff2 = Buffer.concat([Buffer.from('wOF2', 'latin1'), dejaVu.subarray(4, 4000)]);
    await expectRefused(
      'Web.woff2',
      woff2,
      'font-format',
      /cannot embed font Web\.woff2: WOFF2 fonts cannot be embedded/,
    );
  });

  it('a glyph id the font does not have, reached through its character map, stops the render', () => {
    const font = new DocumentFont(new PDFDocument(), parsed, openFace(dejaVuPath), 'F1');
    expect(() => font.cid({ id: parsed.numGlyphs, advance: 0, dx: 0, dy: 0, text: 'A' })).toThrow(
      expect.objectContaining({
        code: 'font-invalid',
        file: dejaVuPath,
        message: expect.stringMatching(/draws "A" \(U\+0041\) with glyph \d+, which it does not have/),
      }),
    );
  });
});
