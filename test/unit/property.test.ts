import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runJob } from '../../src/batch/run-job.js';
import { readBrand } from '../../src/brand/index.js';
import { parseArticle } from '../../src/content/index.js';
import { HandoutError } from '../../src/errors.js';
import { layoutHandout, screenOutput } from '../../src/pipeline.js';
import { repoRoot } from '../helpers/project.js';

const root = repoRoot;
const brand = readBrand(join(root, 'content/clinics/harbor-wellness.yaml'));
const file = join(root, 'content/articles/generated.md');

// Mostly ordinary text, with a share of hostile input: characters no font has, huge words, markup.
const text = fc.oneof(
  { arbitrary: fc.string({ maxLength: 60 }), weight: 5 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }), weight: 1 },
);
const word = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'knee',
      'acupuncture',
      'Ärztin',
      'rodilla',
      '≥',
      '→',
      '✓',
      '—',
      '“quote”',
      'e\u0301',
      'self-care',
    ),
    weight: 12,
  },
  { arbitrary: fc.string({ minLength: 1, maxLength: 12 }), weight: 4 },
  { arbitrary: fc.constantFrom('\u00AD', '\uE000', '😀', 'שלום'), weight: 1 },
  { arbitrary: fc.constant('x'.repeat(120)), weight: 1 },
);
const inline = fc.oneof(
  word,
  word.map((w) => `**${w}**`),
  word.map((w) => `*${w}*`),
  word.map((w) => `[${w}](https://example.org/${encodeURIComponent(w)})`),
  fc.constantFrom('<b>', '</div>', '&amp;', '`code`', '\\', '  \n', '<page-break/>', '{{article.title}}'),
);
const line = fc.array(inline, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(' '));
const block: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: line, weight: 6 },
  line.map((l) => `## ${l}`),
  line.map((l) => `### ${l}`),
  line.map((l) => `> ${l}`),
  line.map((l) => `> [!WARNING] ${l}\n> - ${l}`),
  fc.array(line, { minLength: 1, maxLength: 5 }).map((items) => items.map((i) => `- ${i}`).join('\n')),
  fc
    .tuple(fc.integer({ min: 1, max: 12 }), line)
    .map(([depth, l]) => Array.from({ length: depth }, (_, d) => `${'  '.repeat(d)}- ${l}`).join('\n')),
  fc.constantFrom('---', '![alt](../clinics/harbor-logo.png)'),
  {
    arbitrary: fc.constantFrom(
      '![](missing.png)',
      '![x](../../../../etc/passwd)',
      '![x](https://e.org/i.png)',
      '<div>html</div>',
    ),
    weight: 1,
  },
);
const frontMatter = fc
  .record({
    title: text,
    lang: fc.oneof({ arbitrary: fc.constantFrom('en', 'es', 'fr'), weight: 8 }, fc.constantFrom('xx-YY', 'not a tag')),
  })
  .map(({ title, lang }) => `---\ntitle: ${JSON.stringify(title)}\nlang: ${lang}\n---\n`);
const article = fc
  .tuple(frontMatter, fc.array(block, { maxLength: 25 }))
  .map(([front, blocks]) => `${front}\n${blocks.join('\n\n')}\n`);

describe('property: any article builds or fails with a HandoutError and a place', () => {
  it('Markdown → model → layout never throws anything else', () => {
    const outcomes = { built: 0, refused: 0 };
    fc.assert(
      fc.property(article, fc.constantFrom('handout', 'two-column', 'trifold'), (markdown, template) => {
        try {
          const parsed = parseArticle(markdown, file, root);
          layoutHandout({ root, article: parsed, brand, template });
          outcomes.built++;
        } catch (error) {
          outcomes.refused++;
          expect(error).toBeInstanceOf(HandoutError);
          const e = error as HandoutError;
          expect(e.file).toMatch(/\S/);
          expect(e.code).toMatch(/^[a-z-]+$/);
          expect(e.message).toMatch(/\S/);
        }
      }),
      { numRuns: 120, seed: 20261127 },
    );
    // The generator must reach both sides, or the property proves little.
    // (Short generated articles are refused by the brochure, whose panels must not be left empty.)
    expect(outcomes.built).toBeGreaterThan(5);
    expect(outcomes.refused).toBeGreaterThan(10);
  });

  it('a build job leaves either a whole PDF or no file at all', async () => {
    const out = mkdtempSync(join(tmpdir(), 'handout-prop-'));
    await fc.assert(
      fc.asyncProperty(article, async (markdown) => {
        const path = join(out, 'x.pdf');
        rmSync(path, { force: true });
        let parsed: ReturnType<typeof parseArticle>;
        try {
          parsed = parseArticle(markdown, file, root);
        } catch (error) {
          expect(error).toBeInstanceOf(HandoutError);
          return;
        }
        const job = {
          root,
          article: parsed,
          brand,
          template: 'handout',
          path,
          output: screenOutput,
          labels: {},
          inputs: {},
          settings: {},
        };
        const result = await runJob(job);
        if (result.type === 'built') {
          const bytes = readFileSync(path);
          expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
          expect(bytes.subarray(-6).toString().trim()).toBe('%%EOF');
          expect(bytes.length).toBe(result.bytes);
        } else {
          expect(existsSync(path)).toBe(false);
          expect(result.problems[0]?.code).not.toBe('internal');
        }
      }),
      { numRuns: 25, seed: 7 },
    );
    rmSync(out, { recursive: true, force: true });
  });
});
