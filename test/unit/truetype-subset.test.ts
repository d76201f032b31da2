import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { subsetTrueType } from '../../src/render/truetype-subset.js';
import { repoRoot } from '../helpers/project.js';

const file = (path: string) => readFileSync(join(repoRoot, 'fonts', path));
const open = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)) as fontkit.Font;

describe('TrueType subsetting', () => {
  for (const path of ['atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf', 'dejavu/DejaVuSans.ttf']) {
    it(`keeps outlines and advances of the glyphs asked for, in order (${path.split('/')[1]})`, () => {
      const source = open(file(path));
      // Notdef, "Aé ọ̀" and a glyph twice (a CID of its own for another text).
      const wanted = [0, ...source.layout('Aé ọ̀ fi').glyphs.map((g) => g.id), source.glyphForCodePoint(0x41).id];
      const subset = open(subsetTrueType(file(path), wanted) as Uint8Array);
      expect(subset.numGlyphs).toBeGreaterThanOrEqual(wanted.length);
      wanted.forEach((id, index) => {
        const [before, after] = [source.getGlyph(id), subset.getGlyph(index)];
        expect(after.advanceWidth, `glyph ${id}`).toBe(before.advanceWidth);
        expect(after.path.toSVG(), `glyph ${id}`).toBe(before.path.toSVG());
      });
    });
  }

  it('brings the parts of composite glyphs along and renumbers them', () => {
    const source = open(file('dejavu/DejaVuSans.ttf'));
    // Accented capitals in DejaVu Sans are composites of a letter and an accent.
    const composite = source.glyphForCodePoint(0xc9).id;
    const subset = open(subsetTrueType(file('dejavu/DejaVuSans.ttf'), [0, composite]) as Uint8Array);
    expect(subset.numGlyphs).toBeGreaterThan(2);
    expect(subset.getGlyph(1).path.toSVG()).toBe(source.getGlyph(composite).path.toSVG());
  });

  it('leaves fonts it does not handle to the general subsetter', () => {
    expect(subsetTrueType(new Uint8Array([0x4f, 0x54, 0x54, 0x4f, 0, 0, 0, 0, 0, 0, 0, 0]), [0])).toBeNull();
  });
});
