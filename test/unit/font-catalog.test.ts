import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HandoutError } from '../../src/errors.js';
import { layoutDocument } from '../../src/layout/index.js';
import { facesOf, familiesOf } from '../../src/shared/font-catalog.js';
import { hanVariant, scriptOf } from '../../src/shared/scripts.js';
import { parseSpec } from '../../src/spec/index.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const dejavu = join(repoRoot, 'fonts', 'dejavu', 'DejaVuSans.ttf');
const dejavuBold = join(repoRoot, 'fonts', 'dejavu', 'DejaVuSans-Bold.ttf');

/** A copy of a font with OS/2 fsType set (0x0002: restricted licence embedding). */
function withFsType(bytes: Buffer, fsType: number): Buffer {
  const copy = Buffer.from(bytes);
  for (let i = 0; i < copy.readUInt16BE(4); i++) {
    const at = 12 + i * 16;
    if (copy.toString('latin1', at, at + 4) === 'OS/2') copy.writeUInt16BE(fsType, copy.readUInt32BE(at + 8) + 8);
  }
  return copy;
}

describe('font catalogue', () => {
  it('reads family, style, format and the scripts a face covers', () => {
    expect(facesOf(dejavu)).toEqual([
      expect.objectContaining({
        family: 'DejaVu Sans',
        bold: false,
        italic: false,
        format: 'TrueType',
        index: 0,
        embeddable: true,
        scripts: expect.arrayContaining(['Latin', 'Greek', 'Cyrillic', 'Hebrew', 'Arabic']),
      }),
    ]);
    expect(facesOf(dejavu)[0]?.scripts).not.toContain('Han');
  });

  it('groups faces into families, a missing style drawn in the nearest one', () => {
    expect(familiesOf([...facesOf(dejavu), ...facesOf(dejavuBold)])).toEqual([
      { name: 'DejaVu Sans', regular: dejavu, bold: dejavuBold, italic: dejavu, boldItalic: dejavuBold },
    ]);
  });

  it('reads the licence flags: restricted alone forbids embedding, preview & print beside it allows it', () => {
    const root = makeProject(
      {
        'fonts/Locked.ttf': withFsType(readFileSync(dejavu), 0x0002),
        'fonts/Print.ttf': withFsType(readFileSync(dejavu), 0x0006),
      },
      { samples: false },
    );
    expect(facesOf(join(root, 'fonts/Locked.ttf'))[0]?.embeddable).toBe(false);
    expect(facesOf(join(root, 'fonts/Print.ttf'))[0]?.embeddable).toBe(true);
    expect(familiesOf(facesOf(join(root, 'fonts/Locked.ttf')))).toEqual([]);
    removeProject(root);
  });
});

describe('scripts', () => {
  it("names a character's script, CJK punctuation with Han, and Han's variant by language", () => {
    expect(scriptOf('中')?.name).toBe('Han');
    expect(scriptOf('。')?.name).toBe('Han');
    expect(scriptOf('ก')?.name).toBe('Thai');
    expect(scriptOf('✓')).toBeNull();
    expect(hanVariant('zh-Hant').label).toBe('Traditional Chinese');
    expect(hanVariant('zh-TW').font).toBe('Noto Sans CJK TC');
    expect(hanVariant('zh-HK').font).toBe('Noto Sans CJK HK');
    expect(hanVariant('zh-CN').label).toBe('Simplified Chinese');
    expect(hanVariant('ja').font).toBe('Noto Sans CJK JP');
  });
});

describe('glyph-missing: one error per script', () => {
  const templateFile = '/project/templates/t/layout.hbs';
  const layout = (xml: string, root = '/project') =>
    layoutDocument(parseSpec({ xml, templateFile }, { root }), { images: new Map() });

  it('gathers every Thai letter of a document into one error with the remedy', () => {
    let problems: readonly { code: string; message: string; hint?: string }[] = [];
    try {
      layout('<document><body><p>ภาษา one</p><p>ไทย two ภาษา</p><p>Private \uE000</p></body></document>');
    } catch (error) {
      if (!(error instanceof HandoutError)) throw error;
      problems = error.problems();
    }
    const thai = problems.filter((p) => /Thai/.test(p.message));
    expect(thai).toHaveLength(1);
    expect(thai[0]?.message).toMatch(/^no font covers Thai: 6 characters, first at line 1 \(ภาษไท…\)$/);
    expect(thai[0]?.hint).toMatch(/Noto Sans Thai from Debian's fonts-noto-core/);
    expect(problems.filter((p) => /U\+E000/.test(p.message))).toHaveLength(1);
  });

  it('refuses a template font whose licence forbids embedding, at its <font> element', () => {
    const root = makeProject({ 'fonts/Locked.ttf': withFsType(readFileSync(dejavu), 0x0002) }, { samples: false });
    const xml = '<document>\n<font name="Locked" regular="Locked.ttf"/>\n<body/></document>';
    expect(() => parseSpec({ xml, templateFile }, { root })).toThrow(
      expect.objectContaining({ code: 'font-restricted', line: 2 }),
    );
    removeProject(root);
  });
});
