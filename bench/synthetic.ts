import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

export interface SyntheticOptions {
  readonly clinics: number;
  readonly articles: number;
  readonly minWords?: number;
  readonly maxWords?: number;
  readonly seed?: number;
}

const vocabulary = (
  'your knee joint pain muscle gentle care visit needle treatment session doctor exercise walk ' +
  'stretch rest heat cold swelling stiffness practitioner body help may often most people feel ' +
  'after before during week day time plan strength balance sleep breathing relax posture back neck ' +
  'shoulder hip ankle safe licensed sterile thin small brief mild ask tell call clinic health'
).split(' ');

/** A small deterministic random generator, so every run writes the same project. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(next: () => number): string {
  const length = 6 + Math.floor(next() * 14);
  const words = Array.from({ length }, () => vocabulary[Math.floor(next() * vocabulary.length)] as string);
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function article(index: number, words: number, next: () => number): string {
  const parts = [`---\ntitle: Synthetic article ${index + 1}\nsummary: ${sentence(next)}\nreviewed: 2026-01-15\n---\n`];
  let count = 0;
  let section = 0;
  while (count < words) {
    if (count === 0 || next() < 0.25) parts.push(`## Section ${++section}\n`);
    if (next() < 0.2) {
      const items = Array.from({ length: 3 + Math.floor(next() * 3) }, () => `- ${sentence(next)}`);
      parts.push(`${items.join('\n')}\n`);
      count += items.join(' ').split(' ').length;
      continue;
    }
    const paragraph = Array.from({ length: 2 + Math.floor(next() * 4) }, () => sentence(next)).join(' ');
    const bolded = paragraph.replace(/^(\w+ \w+)/, '**$1**');
    parts.push(`${bolded}\n`);
    count += paragraph.split(' ').length;
  }
  return parts.join('\n');
}

function pngLogo(hue: number): Buffer {
  const png = new PNG({ width: 200, height: 200 });
  for (let y = 0; y < 200; y++) {
    for (let x = 0; x < 200; x++) {
      const i = (y * 200 + x) * 4;
      const inside = (x - 100) ** 2 + (y - 100) ** 2 < 95 ** 2;
      png.data[i] = (hue * 7) % 256;
      png.data[i + 1] = 90 + ((x + hue) % 80);
      png.data[i + 2] = 120;
      png.data[i + 3] = inside ? 255 : 0;
    }
  }
  return PNG.sync.write(png);
}

function svgLogo(hue: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120"><rect width="120" height="120" rx="20" fill="hsl(${hue},60%,35%)"/><circle cx="60" cy="60" r="30" fill="#FFFFFF"/></svg>\n`;
}

/** Write a synthetic project: clinics (half with PNG, half with SVG logos) × articles of varying length. */
export function makeSyntheticProject(
  options: SyntheticOptions,
  root = mkdtempSync(join(tmpdir(), 'handout-bench-')),
): string {
  const next = random(options.seed ?? 7);
  const minWords = options.minWords ?? 600;
  const maxWords = options.maxWords ?? 1500;
  mkdirSync(join(root, 'content', 'articles'), { recursive: true });
  mkdirSync(join(root, 'content', 'clinics'), { recursive: true });
  for (let i = 0; i < options.articles; i++) {
    const words = minWords + Math.floor(next() * (maxWords - minWords + 1));
    writeFileSync(
      join(root, 'content', 'articles', `article-${String(i + 1).padStart(3, '0')}.md`),
      article(i, words, next),
    );
  }
  for (let i = 0; i < options.clinics; i++) {
    const id = `clinic-${String(i + 1).padStart(3, '0')}`;
    const hue = (i * 47) % 360;
    const svg = i % 2 === 1;
    const logo = svg ? `${id}.svg` : `${id}.png`;
    writeFileSync(join(root, 'content', 'clinics', logo), svg ? svgLogo(hue) : pngLogo(hue));
    const primary = `#${((i * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(0, 6)}`;
    writeFileSync(
      join(root, 'content', 'clinics', `${id}.yaml`),
      `name: Synthetic Clinic ${i + 1}\nlogo: ${logo}\ncolors: { primary: "${primary}" }\ncontact:\n  phone: "(555) 010-${String(1000 + i).slice(-4)}"\n  website: https://clinic${i + 1}.example\n  address: ${i + 1} Main Street, Springfield\n`,
    );
  }
  return root;
}
