import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../src/check/index.js';
import { FaceNotFound, openFace, splitFaceRef } from '../../src/shared/font-face.js';
import { toCollection } from '../helpers/font-files.js';
import { systemFont } from '../helpers/ocr.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const dejaVu = (name: string) => readFileSync(join(repoRoot, 'fonts/dejavu', name));
const collection = toCollection([dejaVu('DejaVuSans.ttf'), dejaVu('DejaVuSans-Bold.ttf')]);
const made: string[] = [];
afterAll(() => {
  for (const root of made) removeProject(root);
});

describe('one face of a font file, named after "#"', () => {
  it('splits a reference into file and face', () => {
    expect(splitFaceRef('cjk/NotoSansCJK-Regular.ttc#Noto Sans CJK SC')).toEqual({
      file: 'cjk/NotoSansCJK-Regular.ttc',
      face: 'Noto Sans CJK SC',
    });
    expect(splitFaceRef('Inter.ttf')).toEqual({ file: 'Inter.ttf', face: null });
  });

  it("picks a collection's face by PostScript or full name, the first without a name", () => {
    expect(openFace(collection, 'DejaVuSans-Bold').postscriptName).toBe('DejaVuSans-Bold');
    expect(openFace(collection, 'DejaVu Sans Bold').postscriptName).toBe('DejaVuSans-Bold');
    expect(openFace(collection, null).postscriptName).toBe('DejaVuSans');
  });

  it('says which faces a collection has when the name is not one of them', () => {
    expect(() => openFace(collection, 'DejaVu Serif')).toThrow(FaceNotFound);
    expect(() => openFace(collection, 'DejaVu Serif')).toThrow(
      /has no face "DejaVu Serif" \(it has "DejaVu Sans", "DejaVu Sans Bold"\)/,
    );
    expect(() => openFace(dejaVu('DejaVuSans.ttf'), 'Bold')).toThrow(/neither a collection nor variable/);
  });

  const inter = systemFont('Inter.var.ttf');
  it.skipIf(!inter)(
    'gives a named instance of a variable font, with its own metrics (Inter from fonts-inter-variable)',
    () => {
      const bytes = readFileSync(inter as string);
      const advance = (face: string | null) => {
        const font = openFace(bytes, face);
        return font.glyphForCodePoint(0x48).advanceWidth;
      };
      expect(advance('Bold')).toBeGreaterThan(advance(null));
      expect(() => openFace(bytes, 'Heavy')).toThrow(/no named instance "Heavy" \(it has "Thin", /);
    },
  );

  it('a face the file lacks is an error at the template that names it', async () => {
    const styles = readFileSync(join(repoRoot, 'templates/handout/styles.hbs'), 'utf8');
    const root = makeProject({
      'fonts/DejaVu.ttc': collection,
      'templates/custom/layout.hbs': readFileSync(join(repoRoot, 'templates/handout/layout.hbs'), 'utf8'),
      'templates/custom/styles.hbs': `<font name="D" regular="DejaVu.ttc#DejaVu Serif"/>\n${styles.replace('font="Atkinson Hyperlegible"', 'font="D"')}`,
      'handout.config.yaml': 'builds:\n  - template: custom\n    articles: [puncion-seca-cuello]\n',
    });
    made.push(root);
    const problems = (await checkProject({ root })).problems;
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: join(root, 'templates/custom/styles.hbs'),
        line: 1,
        column: 1,
        message: expect.stringMatching(/cannot load font DejaVu\.ttc: the collection has no face "DejaVu Serif"/),
        hint: expect.stringMatching(/Name one of the faces listed/),
      }),
    );
  });
});
