import { basename, dirname, extname, resolve } from 'node:path';
import type { Diagnostic } from '../errors.js';
import { readConfined } from '../shared/confined-read.js';
import { probeImage } from '../shared/image-info.js';
import { limits } from '../shared/limits.js';
import type { ReadRecorder } from '../shared/read-recorder.js';
import { readTextFile } from '../shared/text-file.js';
import { parseYamlData, valueLines, yamlPlace } from '../shared/yaml-data.js';
import { contrastRatio, darkenForContrast, normalizeHex, tint } from './color.js';
import { readBrandFonts } from './fonts.js';
import { clinicSchema } from './schema.js';
import type { Brand, BrandColors, Logo } from './types.js';

export type { Brand, BrandColors, BrandFont, Contact, Logo } from './types.js';

const white = '#FFFFFF';
const nearBlack = '#1A1A1A';

/**
 * Read a clinic file into a Brand with defaults applied and the logo checked. The logo must lie inside
 * `root` (by default the project the file is in: two folders up from content/clinics/).
 */
export function readBrand(
  file: string,
  root: string = resolve(dirname(file), '..', '..'),
  reads?: ReadRecorder,
): Brand {
  const text = readTextFile(file, { roots: [root], what: 'clinic file', reads, maxBytes: limits.yamlBytes });
  const data = parseYamlData({ file, text, firstLine: 1 }, clinicSchema, 'clinic');
  const lines = valueLines({ file, text, firstLine: 1 });
  const messages: string[] = [];
  const colors = deriveColors(normalizeHex(data.colors.primary), normalizeHex(data.colors.accent), messages);
  const id = basename(file, extname(file));
  // A clinic file's warning is about that clinic: --json names it, and the config can silence it for it.
  const warnings = messages.map(
    (message): Diagnostic => ({ code: 'contrast', severity: 'warning', message, file, line: lines.colors, clinic: id }),
  );
  const cmyk: Record<string, readonly [number, number, number, number]> = {};
  if (data.colors.primaryCmyk) cmyk[colors.primary] = data.colors.primaryCmyk;
  if (data.colors.accentCmyk) cmyk[colors.accent] = data.colors.accentCmyk;
  const logo = data.logo ? readLogo(resolve(dirname(file), data.logo), file, text, root, reads) : null;
  const fonts = readBrandFonts(data.fonts, file, (path) => yamlPlace({ file, text, firstLine: 1 }, path), root, reads);
  return Object.freeze({
    id,
    file,
    name: data.name,
    tagline: data.tagline ?? null,
    shortName: data.shortName ?? null,
    // Unsaid, the clinic writes in the first language it serves, else English (an article's default too).
    lang: data.lang ?? data.languages?.[0] ?? 'en',
    logo,
    colors: { ...colors, cmyk },
    contact: {
      phone: data.contact.phone ?? null,
      email: data.contact.email ?? null,
      website: data.contact.website ?? null,
      booking: data.contact.booking ?? null,
      address: data.contact.address ?? null,
    },
    page: data.page,
    fonts,
    languages: data.languages ?? null,
    labels: data.labels ?? {},
    warnings,
    lines,
  });
}

function deriveColors(primary: string, accent: string, warnings: string[]): Omit<BrandColors, 'cmyk'> {
  const primaryText = darkenForContrast(primary, white, 4.5);
  const accentText = darkenForContrast(accent, white, 4.5);
  if (primaryText !== primary)
    warnings.push(`primary color ${primary} is too light for text on white; text uses ${primaryText} instead`);
  return {
    primary,
    accent,
    primaryText,
    accentText,
    // Rules and thin lines are graphics: WCAG's 3:1 for non-text contrast keeps them visible on white.
    primaryRule: darkenForContrast(primary, white, 3),
    onPrimary: contrastRatio(white, primary) >= contrastRatio(nearBlack, primary) ? white : nearBlack,
    primaryTint: visibleTint(primary),
  };
}

/**
 * A pale tint of the brand for boxes, pale enough for dark text, but never so pale that the box vanishes
 * on white paper (a light yellow's 90% tint is 1.02:1): at least 1.12:1, found by deepening the tint.
 */
function visibleTint(primary: string): string {
  let amount = 0.9;
  let color = tint(primary, amount);
  while (contrastRatio(color, white) < 1.12 && amount > 0.5) {
    amount -= 0.02;
    color = tint(darkenForContrast(primary, white, 3), amount);
  }
  return color;
}

function readLogo(path: string, clinicFile: string, clinicText: string, root: string, reads?: ReadRecorder): Logo {
  const line = lineOfKey(clinicText, 'logo');
  const { bytes } = readConfined(path, {
    roots: [root],
    what: 'logo',
    place: { file: clinicFile, line },
    missingCode: 'image-missing',
    maxBytes: limits.binaryBytes,
    reads,
  });
  const info = probeImage(bytes, clinicFile, `logo ${basename(path)}`, { line });
  return { path, ...info, line: line ?? null };
}

function lineOfKey(text: string, key: string): number | undefined {
  const index = text.split('\n').findIndex((line) => line.startsWith(`${key}:`));
  return index < 0 ? undefined : index + 1;
}
