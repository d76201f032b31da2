import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/brand/color.js';
import { readBrand } from '../../src/brand/index.js';
import { HandoutError } from '../../src/errors.js';
import { makeProject, writeIn } from '../helpers/project.js';

describe('brand: clinic file → Brand', () => {
  it('applies defaults and keeps the logo', () => {
    const root = makeProject();
    const brand = readBrand(`${root}/content/clinics/harbor-wellness.yaml`);
    expect(brand).toMatchObject({ id: 'harbor-wellness', name: 'Harbor Wellness Acupuncture', page: 'Letter' });
    expect(brand.logo).toMatchObject({ format: 'png', width: 480, height: 480 });
    expect(brand.contact.phone).toBe('(207) 555-0142');
  });

  it('reads an SVG logo and an A4 page', () => {
    const root = makeProject();
    const brand = readBrand(`${root}/content/clinics/ridgeline-integrative.yaml`);
    expect(brand.logo?.format).toBe('svg');
    expect(brand.page).toBe('A4');
  });

  it('darkens a light brand color for text so it reaches 4.5:1 on white', () => {
    const root = makeProject(
      { 'content/clinics/sunny.yaml': 'name: Sunny\ncolors: { primary: "#FACC15" }\n' },
      { samples: false },
    );
    const brand = readBrand(`${root}/content/clinics/sunny.yaml`);
    expect(brand.colors.primary).toBe('#FACC15');
    expect(contrastRatio(brand.colors.primaryText, '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
    expect(brand.colors.onPrimary).toBe('#1A1A1A');
    expect(brand.warnings[0]).toMatchObject({
      code: 'contrast',
      severity: 'warning',
      line: 2,
      message: expect.stringMatching(/too light for text/),
    });
  });

  it('names the line of a missing logo', () => {
    const root = makeProject({ 'content/clinics/x.yaml': 'name: X\nlogo: nowhere.png\n' }, { samples: false });
    try {
      readBrand(`${root}/content/clinics/x.yaml`);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HandoutError);
      expect(error).toMatchObject({ code: 'image-missing', line: 2 });
    }
  });

  it('rejects a text file named .png', () => {
    const root = makeProject(
      { 'content/clinics/x.yaml': 'name: X\nlogo: fake.png\n', 'content/clinics/fake.png': 'not an image' },
      { samples: false },
    );
    expect(() => readBrand(`${root}/content/clinics/x.yaml`)).toThrow(/not a PNG, JPEG or SVG/);
  });

  it('rejects a bad color and an unknown key, both at their lines', () => {
    const path = writeIn(
      makeProject({}, { samples: false }),
      'content/clinics/x.yaml',
      'name: X\ncolors:\n  primary: teal\nphon: 1\n',
    );
    try {
      readBrand(path);
      expect.unreachable();
    } catch (error) {
      const problems = (error as HandoutError).problems();
      // Each at its own line: the unknown key where it is written, not where the map starts.
      expect(problems.map((p) => p.line).sort()).toEqual([3, 4]);
      expect(problems.map((p) => p.message).join('\n')).toMatch(/colors.primary" must be a hex color/);
    }
  });
});
