import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { checkProject } from '../../src/check/index.js';
import type { Problem } from '../../src/errors.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

/** One way a careless or hostile user can break a project: a file (or link, or pipe) written into it. */
type Mutation = (root: string) => void;

const write =
  (path: string, data: string | Buffer): Mutation =>
  (root) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), data);
  };
const link =
  (path: string, target: string): Mutation =>
  (root) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(target.startsWith('/') ? target : join(root, target), join(root, path));
  };
const fifo =
  (path: string): Mutation =>
  (root) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    spawnSync('mkfifo', [join(root, path)]);
  };

const png = Buffer.from(PNG.sync.write(new PNG({ width: 40, height: 40 })));
const ttf = readFileSync(join(repoRoot, 'fonts/dejavu/DejaVuSans.ttf'));
const layout = readFileSync(join(repoRoot, 'templates/handout/layout.hbs'), 'utf8');
const styles = readFileSync(join(repoRoot, 'templates/handout/styles.hbs'), 'utf8');

const length = fc.constantFrom('0', '1pt', '0.5in', '10in', '100000in', '3mm', '-1pt', 'x', '');
const scheme = fc.constantFrom('javascript:', 'file:', 'data:', 'https:', 'mailto:', 'tel:', '', 'vbscript:', '//');
const junk = fc.string({ maxLength: 40 });
const date = fc.constantFrom('2026-13-45', '2026-02-30', '2024-02-29', 'yesterday', '0000-00-00', '2026-09-14');
const lang = fc.constantFrom('en', 'es-MX', 'en-US-US', 'xx-', '12', 'zh-Hant-TW', 'de-1234');
const aliasBomb = Array.from(
  { length: 6 },
  (_, i) =>
    `l${i}: &l${i} [${
      i === 0
        ? '"x","x","x","x","x","x","x","x","x"'
        : Array(9)
            .fill(`*l${i - 1}`)
            .join(',')
    }]`,
).join('\n');

const svgBodies = fc.constantFrom(
  '<script>alert(1)</script>',
  '<svg:script xmlns:svg="http://www.w3.org/2000/svg"/>',
  '<foreignObject/>',
  '<style>@import url(x.css)</style>',
  `${'<g>'.repeat(3000)}${'</g>'.repeat(3000)}`,
  '<g id="a"><use href="#a"/></g>',
  `<image href="data:image/png;base64,${png.toString('base64')}" width="4" height="4"/>`,
  '<rect width="4" height="4" fill="url(#nowhere)"/>',
);
const logo: fc.Arbitrary<readonly Mutation[]> = fc.oneof(
  svgBodies.map((body) => [
    write('content/clinics/c.svg', `<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">${body}</svg>`),
  ]),
  fc.constant([write('content/clinics/c.svg', png.subarray(0, 60))]),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => [write('content/clinics/c.svg', Buffer.from(bytes))]),
  fc.constant([fifo('content/clinics/c.svg')]),
  fc.constant([link('content/clinics/c.svg', '/etc/hostname')]),
  fc.constant([link('content/clinics/c.svg', 'content/clinics/gone.svg')]),
  fc.constant([(root: string) => mkdirSync(join(root, 'content/clinics/c.svg'))]),
);

const clinic: fc.Arbitrary<readonly Mutation[]> = fc.oneof(
  fc
    .tuple(scheme, junk)
    .map(([s, j]) => [
      write('content/clinics/c.yaml', `name: C\nlogo: c.svg\ncontact:\n  booking: "${s}${j.replace(/["\\]/g, '')}"\n`),
    ]),
  fc.constant([write('content/clinics/c.yaml', `name: C\n${aliasBomb}\n`)]),
  fc.constant([write('content/clinics/c.yaml', `name: C\ncontact:\n  website: https://x.org/${'a'.repeat(2400)}\n`)]),
  junk.map((j) => [write('content/clinics/c.yaml', j)]),
  fc.constant([link('content/clinics/c.yaml', '/etc/hostname')]),
);

const article: fc.Arbitrary<readonly Mutation[]> = fc.oneof(
  fc
    .tuple(date, lang)
    .map(([d, l]) => [write('content/articles/a.md', `---\ntitle: A\nreviewed: ${d}\nlang: ${l}\n---\n\nText.\n`)]),
  fc
    .tuple(scheme, junk)
    .map(([s, j]) => [write('content/articles/a.md', `---\ntitle: A\n---\n\nSee [this](${s}${encodeURI(j)}) now.\n`)]),
  fc
    .constantFrom('%', '%E0%A4%A', 'img', '.', 'pipe.png', '../../../etc/hostname', 'gone.png')
    .map((src) => [
      write('content/articles/img/x.png', png),
      fifo('content/articles/pipe.png'),
      link('content/articles/gone.png', 'content/articles/nothing.png'),
      write('content/articles/a.md', `---\ntitle: A\n---\n\nHi.\n\n![alt](${src})\n`),
    ]),
  junk.map((j) => [write('content/articles/a.md', `---\n${j}\n---\n\n${j}\n`)]),
  fc.constant([fifo('content/articles/a.md')]),
);

const template: fc.Arbitrary<readonly Mutation[]> = fc.oneof(
  fc
    .tuple(length, length, length)
    .map(([margin, band, padding]) => [
      write(
        'templates/handout/layout.hbs',
        layout
          .replace('margin="0.8in 0.9in"', `margin="${margin}"`)
          .replace('band="1.3in"', `band="${band}"`)
          .replace('side="0.9in"', `side="${padding}"`),
      ),
      write('templates/handout/styles.hbs', styles),
    ]),
  fc.constant([
    write('templates/handout/layout.hbs', `{{> leak}}${layout}`),
    write('templates/handout/styles.hbs', styles),
    link('templates/handout/leak.hbs', '/etc/hostname'),
  ]),
  fc
    .constantFrom(
      '{{log "x"}}',
      '{{{article.title}}}',
      '<columns count="4" gap="3in"/>',
      '{{date article.reviewed "en-US-US"}}',
    )
    .map((extra) => [
      write('templates/handout/layout.hbs', layout.replace('{{> single-column', `${extra}{{> single-column`)),
      write('templates/handout/styles.hbs', styles),
    ]),
  fc.constant([
    write('fonts/Cut.ttf', ttf.subarray(0, 30_000)),
    write('templates/handout/styles.hbs', `<font name="Cut" regular="Cut.ttf"/>${styles}`),
    write('templates/handout/layout.hbs', layout),
  ]),
  fc.constant([link('fonts/Gone.ttf', 'fonts/none.ttf')]),
);

const config: fc.Arbitrary<readonly Mutation[]> = fc.oneof(
  fc.constant([write('handout.config.yaml', 'out: ../../victim\n')]),
  junk.map((j) => [write('handout.config.yaml', j)]),
  fc.constant([write('handout.config.yaml', `x: &x [1,2]\n${aliasBomb}\n`)]),
);

/** The part in `weight` out of 10 projects; the config is broken rarely, since a broken config stops the whole build. */
const sometimes = (part: fc.Arbitrary<readonly Mutation[]>, weight: number) =>
  fc.oneof({ arbitrary: part, weight }, { arbitrary: fc.constant<readonly Mutation[]>([]), weight: 10 - weight });

const badProject = fc
  .tuple(sometimes(logo, 4), sometimes(clinic, 3), sometimes(article, 5), sometimes(template, 4), sometimes(config, 1))
  .map((parts) => parts.flat())
  .filter((mutations) => mutations.length > 0);

function placed(problems: readonly Problem[]): void {
  for (const problem of problems) {
    expect(problem.code, `${problem.file}: ${problem.message}`).not.toBe('internal');
    expect(problem.file, `${problem.code}: ${problem.message}`).toBeTruthy();
  }
}

describe('generated bad projects', () => {
  it('never end in "internal", and every problem has a file', async () => {
    await fc.assert(
      fc.asyncProperty(badProject, async (mutations) => {
        const root = makeProject(
          {
            'content/articles/a.md': '---\ntitle: A\n---\n\nA short text.\n',
            'content/clinics/c.yaml': 'name: C\nlogo: c.svg\n',
            'content/clinics/c.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>',
          },
          { samples: false },
        );
        try {
          for (const mutate of mutations) {
            try {
              mutate(root);
            } catch {
              // Two mutations may write the same path; the first one stands.
            }
          }
          placed((await checkProject({ root })).problems);
          const report = await buildProject({ root, articles: [], clinics: [], jobs: 1, lockWaitMs: 1000 });
          placed([...report.errors, ...report.warnings]);
        } finally {
          removeProject(root);
        }
      }),
      { numRuns: 60, seed: 11 },
    );
    // check starts a worker process for its layouts each run.
  }, 240_000);
});
