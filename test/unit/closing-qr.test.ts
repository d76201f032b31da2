import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/brand/color.js';
import { readBrand } from '../../src/brand/index.js';
import { readArticle } from '../../src/content/index.js';
import { layoutDocument } from '../../src/layout/index.js';
import type { QrBox, RectBox, TextBox } from '../../src/layout/types.js';
import { layoutHandout } from '../../src/pipeline.js';
import { minimumModule } from '../../src/shared/qr.js';
import { parseSpec } from '../../src/spec/index.js';
import { helpers } from '../../src/template/helpers.js';
import { makeProject, removeProject } from '../helpers/project.js';

const booking =
  'https://clinica-estrela.example/marcacoes/consulta-de-acupunctura?origem=folheto&campanha=2026-outono&idioma=pt';
const clinic = `name: Clínica de Acupunctura da Estrela
colors: { primary: "#FDE68A", accent: "#D97706" }
contact:
  phone: "+351 21 555 0142"
  email: marcacoes@clinica-estrela.example
  website: https://clinica-estrela.example
  booking: ${booking}
  address: Rua da Estrela 12, 1200-668 Lisboa
`;
const root = makeProject({ 'content/clinics/lisbon.yaml': clinic });
afterAll(() => removeProject(root));
const lisbon = readBrand(join(root, 'content/clinics/lisbon.yaml'), root);
const knee = readArticle(join(root, 'content/articles/acupuncture-knee-pain.md'), root);
const spanish = readArticle(join(root, 'content/articles/puncion-seca-cuello.md'), root);

describe('the closing: contact and QR code in every form', () => {
  it.each(['handout', 'two-column', 'large-print'])(
    '%s: keeps phone and address, and draws every QR code with modules of 0.5 mm or more',
    (template) => {
      const { document } = layoutHandout({ root, article: knee, brand: lisbon, template });
      const boxes = document.pages.flatMap((p) => p.boxes);
      const text = boxes
        .filter((b): b is TextBox => b.kind === 'text' && !b.artifact)
        .map((b) => b.text)
        .join('');
      expect(text).toContain('+351 21 555 0142');
      expect(text).toContain('Rua da Estrela 12');
      const codes = boxes.filter((b): b is QrBox => b.kind === 'qr');
      expect(codes.length).toBeGreaterThan(0);
      for (const code of codes) expect(code.size / (code.modules + 8)).toBeGreaterThanOrEqual(minimumModule);
      expect(document.notes.map((n) => n.code)).not.toContain('qr-small');
    },
  );

  it('the compact form keeps the address and e-mail too', () => {
    const template = readFileSync(join(import.meta.dirname, '../../templates/_shared/contact.hbs'), 'utf8');
    const compact = template.slice(template.lastIndexOf('<variant>'));
    expect(compact).toContain('clinic.contact.address');
    expect(compact).toContain('clinic.contact.email');
  });

  it('a booking address too long for 0.5 mm modules at the drawn size gives way to the website', () => {
    const brand = { contact: { booking, website: 'https://clinica-estrela.example' } };
    const target = helpers.qrTarget as (clinic: unknown, size?: unknown) => string | null;
    const key = helpers.qrKey as (clinic: unknown, size?: unknown) => string;
    expect(target(brand, '0.78in')).toBe('https://clinica-estrela.example');
    expect(key(brand, '0.78in')).toBe('visit');
    // Large enough, the booking page stays; without a website there is nothing to fall back to.
    expect(target(brand, '1.2in')).toBe(booking);
    expect(key(brand, '1.2in')).toBe('book');
    expect(target({ contact: { booking } }, '0.78in')).toBe(booking);
  });

  it('warns when a QR code is drawn with modules under 0.5 mm', () => {
    const spec = parseSpec(
      {
        xml: `<document margin="72pt"><body><qr data="${booking.replaceAll('&', '&amp;')}" size="0.7in" alt="Book"/></body></document>`,
        templateFile: join(root, 't/layout.hbs'),
      },
      { root },
    );
    const notes = layoutDocument(spec, { images: new Map() }).notes.filter((n) => n.code === 'qr-small');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.severity).toBe('warning');
    expect(notes[0]?.message).toMatch(/45 × 45 modules of 0\.34 mm, under 0\.5 mm/);
  });
});

describe('contrast against the background each text is drawn on', () => {
  it.each(['handout', 'two-column', 'large-print', 'trifold'])(
    "%s: a light brand's links and headings reach 4.5:1 on its own tint in the closing box",
    (template) => {
      const article = template === 'trifold' ? spanish : knee;
      const { document } = layoutHandout({ root, article, brand: lisbon, template });
      const tint = lisbon.colors.primaryTint;
      // The brand's text colour passes on white but not on its tint (4.0:1): the case the rule is for.
      expect(contrastRatio(lisbon.colors.primaryText, '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(lisbon.colors.primaryText, tint)).toBeLessThan(4.5);
      let checked = 0;
      for (const page of document.pages) {
        const boxes = page.boxes.filter((b): b is RectBox => b.kind === 'rect' && b.fill === tint && b.height > 3);
        for (const text of page.boxes.filter((b): b is TextBox => b.kind === 'text' && b.size < 18)) {
          const onTint = boxes.some(
            (r) => text.x >= r.x && text.x + text.width <= r.x + r.width && text.y > r.y && text.y < r.y + r.height,
          );
          if (!onTint) continue;
          checked++;
          expect(contrastRatio(text.color, tint), `${text.text} in ${text.color}`).toBeGreaterThanOrEqual(4.5);
        }
      }
      expect(checked).toBeGreaterThan(3);
      // The accent marks the closing box (a bar at its left), in its shade readable on white.
      const rects = document.pages.flatMap((p) => p.boxes).filter((b): b is RectBox => b.kind === 'rect');
      expect(lisbon.colors.accentText).not.toBe(lisbon.colors.primaryText);
      if (template !== 'trifold') expect(rects.some((r) => r.fill === lisbon.colors.accentText)).toBe(true);
    },
  );
});
