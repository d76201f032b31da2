import { spawnSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanProject } from '../../src/batch/clean.js';
import { buildProject } from '../../src/batch/index.js';
import { checkProject } from '../../src/check/index.js';
import { formatProblem, HandoutError, type Problem } from '../../src/errors.js';
import { proofOutputs } from '../../src/proof/index.js';
import { copyProject, makeProject, removeProject, repoRoot } from '../helpers/project.js';

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

/** Control and bidi characters as YAML writes them in double quotes (issue 19: they reached the terminal raw). */
const yamlEscape = fc.constantFrom('\\e]0;x\\a', '\\x07', '\\u202e', '\\x9b', '\\0', '\\r\\n', '\\u2066');
/** YAML with such escapes in a key and a value, and perhaps a list as a key. */
const hostileYaml = (valueKey: string) =>
  fc
    .tuple(yamlEscape, yamlEscape, fc.boolean())
    .map(([k, v, list]) => `${valueKey}: "C${v}"\n"${k}": 1\n${list ? '? [a, b]\n: x\n' : ''}`);

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
  hostileYaml('name').map((yaml) => [write('content/clinics/c.yaml', yaml)]),
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
  hostileYaml('title').map((yaml) => [write('content/articles/a.md', `---\n${yaml}---\n\nText.\n`)]),
  fc
    .constantFrom('\x1b]0;x\x07', '\u202e', '\n', '\x9b')
    .map((odd) => [write(`content/articles/b${odd}.md`, '---\ntitle: B\n---\n\nText.\n')]),
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

/** What a terminal would act on in a printed diagnostic: any control character but its one line break, a bidi override. */
const acted = /(?![\n])[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

function placed(problems: readonly Problem[]): void {
  for (const problem of problems) {
    expect(problem.code, `${problem.file}: ${problem.message}`).not.toBe('internal');
    expect(problem.file, `${problem.code}: ${problem.message}`).toBeTruthy();
    // Printed, it is one line (and its hint's), with nothing a terminal would act on.
    const printed = formatProblem(problem);
    expect(printed).not.toMatch(acted);
    expect(printed.split('\n')).toHaveLength(problem.hint ? 2 : 1);
  }
}

describe('generated bad projects', () => {
  it('never end in "internal"; every problem has a file and prints safely on a terminal', async () => {
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

/*
 * Bad output folders: a build's folder tampered with (a CI artifact from a pull request, say) before the next
 * build, proof and clean. Whatever it holds, nothing outside it is created, changed or removed, and every
 * problem is placed.
 */

interface Places {
  readonly out: string;
  /** A folder beside the project that the tampered records and links point into. */
  readonly outside: string;
}
type OutMutation = (at: Places) => void;

const outputPdf = 'c/a.pdf';
const pagePng = 'proofs/c/a/page-1.png';

const replace =
  (path: string, make: (target: string, at: Places) => void): OutMutation =>
  (at) => {
    const target = join(at.out, path);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(dirname(target), { recursive: true });
    make(target, at);
  };
const fileAt =
  (path: string, data: (at: Places) => string | Buffer): OutMutation =>
  (at) => {
    // Made before the old file goes: an edited record is made from it.
    const bytes = data(at);
    replace(path, (target) => writeFileSync(target, bytes))(at);
  };
const linkAt = (path: string, to: (at: Places) => string) => replace(path, (target, at) => symlinkSync(to(at), target));
const fifoAt = (path: string) => replace(path, (target) => spawnSync('mkfifo', [target]));
const folderAt = (path: string) => replace(path, (target) => mkdirSync(target));
/** A path from a folder inside the output folder to one in the outside folder, as a hostile record writes it. */
const climb = (at: Places, from: string, to: string) => relative(join(at.out, from), join(at.outside, to));

// biome-ignore lint/suspicious/noExplicitAny: a record a build wrote, edited at will as an attacker would
type Edited = Record<string, any>;

/** The manifest a build wrote, edited. */
const editedManifest = (edit: (manifest: Edited, at: Places) => void) =>
  fileAt('manifest.json', (at) => {
    const manifest = JSON.parse(readFileSync(join(at.out, 'manifest.json'), 'utf8'));
    edit(manifest, at);
    return JSON.stringify(manifest);
  });
const editedProofs = (edit: (store: Edited, at: Places) => void) =>
  fileAt('proofs/proofs.json', (at) => {
    const store = JSON.parse(readFileSync(join(at.out, 'proofs/proofs.json'), 'utf8'));
    edit(store, at);
    return JSON.stringify(store);
  });

const badManifest: fc.Arbitrary<OutMutation> = fc.oneof(
  junk.map((j) => fileAt('manifest.json', () => j)),
  fc.constantFrom('null', '3', '"x"', '[]', '{"manifestVersion":3}').map((j) => fileAt('manifest.json', () => j)),
  fc.constantFrom(null, 7, 'x', [], {}).map((value) =>
    editedManifest((m) => {
      m.outputs[outputPdf] = value;
    }),
  ),
  fc.constantFrom('clinic', 'article', 'template').map((field) =>
    editedManifest((m, at) => {
      m.outputs[outputPdf][field] = climb(at, '.', 'victim');
    }),
  ),
  fc.constant(
    editedManifest((m, at) => {
      m.outputs[`${climb(at, '.', 'a')}.pdf`] = m.outputs[outputPdf];
    }),
  ),
  fc.constant(
    editedManifest((m) => {
      // An own "__proto__" key, as JSON.parse makes one (an assignment would set the prototype instead).
      Object.defineProperty(m.readability, '__proto__', { value: { file: '../x.md' }, enumerable: true });
      m.outputs[outputPdf].article = '__proto__';
    }),
  ),
  fc.constantFrom(
    fifoAt('manifest.json'),
    folderAt('manifest.json'),
    linkAt('manifest.json', (at) => join(at.outside, 'manifest.json')),
  ),
);

const badProofs: fc.Arbitrary<OutMutation> = fc.oneof(
  junk.map((j) => fileAt('proofs/proofs.json', () => j)),
  fc.constant(
    editedProofs((s, at) => {
      s.outputs[outputPdf].dir = climb(at, 'proofs', '.');
    }),
  ),
  fc.constant(
    editedProofs((s, at) => {
      s.outputs[outputPdf].pages[0].name = climb(at, 'proofs/c/a', 'page-1.png');
    }),
  ),
  fc.constant(
    editedProofs((s, at) => {
      for (const sheet of Object.values<Record<string, unknown>>(s.sheets)) {
        sheet.images = [climb(at, 'proofs', 'keep.txt')];
        sheet.pdf = climb(at, 'proofs', 'a.pdf');
      }
    }),
  ),
  fc.constant(
    editedProofs((s) => {
      // Proofs of an output the folder lacks: the next run removes them, inside the folder only.
      s.outputs['gone/x.pdf'] = { ...s.outputs[outputPdf], dir: '../..' };
    }),
  ),
  fc.constantFrom(fifoAt('proofs/proofs.json'), folderAt('proofs/proofs.json')),
);

const badFiles: fc.Arbitrary<OutMutation> = fc.constantFrom(
  linkAt(outputPdf, (at) => join(at.outside, 'a.pdf')),
  linkAt(outputPdf, () => '/etc/hostname'),
  fifoAt(outputPdf),
  folderAt(outputPdf),
  fileAt(outputPdf, () => 'not a PDF'),
  linkAt(pagePng, (at) => join(at.outside, 'page-1.png')),
  fifoAt(pagePng),
  folderAt(pagePng),
  linkAt('c', (at) => at.outside),
  linkAt('proofs', (at) => join(at.outside, 'proofs')),
  linkAt('proofs/sheets', (at) => at.outside),
  fifoAt('.handout.lock'),
  folderAt('.handout.lock'),
  fileAt('.handout.lock', () => '{"pid": 1, "host": "elsewhere"'),
);

const badOutFolder = fc
  .tuple(
    fc.option(badManifest, { freq: 2 }),
    fc.option(badProofs, { freq: 2 }),
    fc.option(badFiles, { freq: 2 }),
    fc.option(badFiles, { freq: 4 }),
  )
  .map((parts) => parts.filter((part): part is OutMutation => part !== null))
  .filter((mutations) => mutations.length > 0);

/** Every entry below a folder, links and pipes as what they are (never followed), files with their bytes. */
function snapshot(dir: string, skip?: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (path === skip) continue;
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) found[path] = `-> ${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        found[path] = 'folder';
        walk(path);
      } else found[path] = stat.isFile() ? readFileSync(path).toString('base64') : 'special';
    }
  };
  walk(dir);
  return found;
}

/** The outside folder: files a tampered record could name, shaped like an output folder's. */
function makeOutside(pdf: Buffer): string {
  const outside = mkdtempSync(join(tmpdir(), 'handout-outside-'));
  for (const [name, data] of Object.entries({
    'keep.txt': 'not the tool’s\n',
    // Named like a temporary file a killed build left: swept only inside the output folder.
    '.a.pdf.handout-2147483646-0123456789ab.tmp': 'not the tool’s\n',
    'a.pdf': pdf,
    'page-1.png': png,
    'manifest.json': '{}',
    'proofs/proofs.json': '{}',
    'proofs/keep.txt': 'not the tool’s either\n',
    'victim/c/a/page-1.png': png,
  })) {
    mkdirSync(dirname(join(outside, name)), { recursive: true });
    writeFileSync(join(outside, name), data);
  }
  return outside;
}

/** Problems a run ended with; a throw that is not a placed error fails the property. */
async function problemsOf(run: () => Promise<readonly Problem[]>): Promise<readonly Problem[]> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HandoutError) return error.problems();
    throw error;
  }
}

describe('generated bad output folders', () => {
  let built = '';
  beforeAll(async () => {
    built = makeProject(
      {
        'content/articles/a.md': '---\ntitle: A\n---\n\nA short text.\n',
        'content/clinics/c.yaml': 'name: C\n',
      },
      { samples: false },
    );
    const report = await buildProject({ root: built, articles: [], clinics: [], jobs: 1 });
    expect(report.errors).toEqual([]);
    const proofs = await proofOutputs({ outDir: join(built, 'out'), jobs: 1 });
    expect(proofs.errors).toEqual([]);
  });
  afterAll(() => removeProject(built));

  it('never change anything outside the folder, and end with placed problems only', async () => {
    await fc.assert(
      fc.asyncProperty(badOutFolder, async (mutations) => {
        const root = copyProject(built);
        const out = join(root, 'out');
        const outside = makeOutside(readFileSync(join(out, outputPdf)));
        try {
          for (const mutate of mutations) mutate({ out, outside });
          const before = { project: snapshot(root, out), outside: snapshot(outside) };
          const problems = [
            ...(await problemsOf(async () => {
              const report = await buildProject({ root, articles: [], clinics: [], jobs: 1, lockWaitMs: 500 });
              return [...report.errors, ...report.warnings];
            })),
            ...(await problemsOf(async () => (await proofOutputs({ outDir: out, jobs: 1 })).errors)),
            ...(await problemsOf(async () => (await cleanProject({ root, lockWaitMs: 500 })).diagnostics)),
          ];
          placed(problems);
          expect({ project: snapshot(root, out), outside: snapshot(outside) }).toEqual(before);
        } finally {
          removeProject(root);
          rmSync(outside, { recursive: true, force: true });
        }
      }),
      { numRuns: 30, seed: 19 },
    );
  }, 180_000);
});
