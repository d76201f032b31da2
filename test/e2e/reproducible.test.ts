import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { readBrand } from '../../src/brand/index.js';
import { readArticle } from '../../src/content/index.js';
import { type HandoutInput, renderHandout } from '../../src/pipeline.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

/** Short articles in two languages whose capitals share glyph components (Ú and U, Ñ and N, Ö and O). */
const articles: Record<string, string> = {
  'ice-en': 'title: Use ice first\n---\n\nUse ice. Unlike heat, it calms a fresh injury. Use it for 15–20 minutes.\n',
  'ultima-es': 'title: Última vez\nlang: es\n---\n\nÚltima vez. Ñandú y Ürsula usan hielo. Úselo otra vez.\n',
  'nodes-en': 'title: Nodes and knots\n---\n\nOur Öresund clinic says: Never stretch a sore knot. Notice, note, nod.\n',
  'marks-en':
    'title: Names we print\n---\n\nAdébáyọ̀ and Ìfẹ́ọlúwa are **welcome**. *Unlike* before, Zoë books online.\n',
};
const root = makeProject(
  Object.fromEntries(Object.entries(articles).map(([id, text]) => [`content/articles/${id}.md`, `---\n${text}`])),
);
afterAll(() => removeProject(root));

const brands = ['harbor-wellness', 'ridgeline-integrative'].map((id) =>
  readBrand(join(root, `content/clinics/${id}.yaml`), root),
);
const inputs: HandoutInput[] = Object.keys(articles).flatMap((id) =>
  brands.map((brand, index) => ({
    root,
    article: readArticle(join(root, `content/articles/${id}.md`), root),
    brand,
    template: index === 0 ? 'handout' : 'two-column',
  })),
);

/** Each handout built alone, by a fresh instance of every module of the pipeline (no cache, no history). */
const alone = new Map<HandoutInput, Promise<Uint8Array>>();
function builtAlone(input: HandoutInput): Promise<Uint8Array> {
  let pdf = alone.get(input);
  if (!pdf) {
    pdf = (async () => {
      vi.resetModules();
      const fresh = (await import('../../src/pipeline.js')) as typeof import('../../src/pipeline.js');
      return (await fresh.renderHandout(input)).pdf;
    })();
    alone.set(input, pdf);
  }
  return pdf;
}

describe('the same handout gives the same bytes whatever was built before it', () => {
  it('the issue\'s minimal case: "Última vez." and then "Use ice. Unlike heat."', async () => {
    const [ice, ultima] = ['ice-en', 'ultima-es'].map((id) =>
      inputs.find((i) => i.article.id === id && i.template === 'handout'),
    ) as [HandoutInput, HandoutInput];
    await renderHandout(ultima);
    const after = (await renderHandout(ice)).pdf;
    expect(Buffer.from(after).equals(Buffer.from(await builtAlone(ice)))).toBe(true);
  });

  it('any sequence of handouts in one process equals each built alone', async () => {
    await fc.assert(
      // Indices keep a failing sequence short to read.
      fc.asyncProperty(fc.array(fc.nat(inputs.length - 1), { minLength: 2, maxLength: 6 }), async (sequence) => {
        for (const input of sequence.map((i) => inputs[i] as HandoutInput)) {
          const pdf = (await renderHandout(input)).pdf;
          expect(Buffer.from(pdf).equals(Buffer.from(await builtAlone(input)))).toBe(true);
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe('--jobs does not change a byte', () => {
  const many = makeProject(
    Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => {
        const spanish = i % 2 === 1;
        const text = spanish
          ? `---\ntitle: Artículo ${i}\nlang: es\n---\n\nÚltima revisión del tema ${i}. Ñandú, Ópalo y Úrsula. Use hielo ${i} veces.\n`
          : `---\ntitle: Article ${i}\n---\n\nUse ice ${i} times. Unlike heat, Only Ice helps. Über-care and Öland.\n`;
        return [`content/articles/a${i}.md`, text];
      }).concat(
        ['Ñorth Ümami Clinic', 'South Clinic', 'Öst Wellness', 'West Care'].map((name, i) => [
          `content/clinics/c${i}.yaml`,
          `name: ${name}\n${i % 2 ? 'page: A4\n' : ''}colors: { primary: "#7A3E9D" }\n`,
        ]),
      ),
    ),
    { samples: false },
  );
  afterAll(() => removeProject(many));

  const files = (dir: string) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.pdf'))
      .sort()
      .map((f) => [relative(dir, join(dir, f)), readFileSync(join(dir, f))] as const);

  it('a 24-handout project (two languages, two page sizes) built with --jobs 1 and --jobs 2 is byte-identical', async () => {
    const one = await buildProject({ root: many, out: join(many, 'one'), articles: [], clinics: [], jobs: 1 });
    const two = await buildProject({ root: many, out: join(many, 'two'), articles: [], clinics: [], jobs: 2 });
    expect(one.errors).toEqual([]);
    expect(one.outputs).toHaveLength(24);
    expect(two.outputs).toHaveLength(24);
    const [a, b] = [files(join(many, 'one')), files(join(many, 'two'))];
    expect(a.map(([name]) => name)).toEqual(b.map(([name]) => name));
    for (const [i, [name, bytes]] of a.entries()) expect(bytes.equals(b[i]?.[1] as Buffer), name).toBe(true);
  });
});

describe('the same project in two folders gives the same bytes', () => {
  const parent = mkdtempSync(join(tmpdir(), 'handout-two-folders-'));
  afterAll(() => removeProject(parent));

  /** The repository's samples (content, config, every built-in template) and a template drawing in a project font. */
  function samplesAt(root: string): string {
    cpSync(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
    const config = readFileSync(join(repoRoot, 'handout.config.yaml'), 'utf8');
    writeFileSync(join(root, 'handout.config.yaml'), `${config.trimEnd()}\n  - template: brand\n`);
    mkdirSync(join(root, 'fonts/brand'), { recursive: true });
    cpSync(
      join(repoRoot, 'fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf'),
      join(root, 'fonts/brand/B.ttf'),
    );
    mkdirSync(join(root, 'templates/brand'), { recursive: true });
    writeFileSync(
      join(root, 'templates/brand/layout.hbs'),
      [
        '<document size="{{clinic.page}}" title="{{article.title}}" lang="{{article.lang}}">',
        '  <font name="Brand" regular="brand/B.ttf"/>',
        '  <style name="body" font="Brand" size="11pt"/>',
        ...['item', 'quote', 'caption', 'alert-title', 'callout-title'].map(
          (n) => `  <style name="${n}" extends="body"/>`,
        ),
        '  <body><h level="1">{{article.title}}</h>{{#each article.blocks}}{{> block pstyle="body"}}{{/each}}</body>',
        '</document>',
      ].join('\n'),
    );
    return root;
  }

  /** Every file under a folder, by its path inside it. */
  const filesIn = (dir: string) =>
    new Map(
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name))
        .map((file) => [relative(dir, file), readFileSync(file)] as const),
    );

  const roots = [samplesAt(join(parent, 'a')), samplesAt(join(parent, 'another', 'much deeper', 'checkout'))];

  it('every file of out/ (the PDFs, PDF/A files and manifest.json) is byte-identical', async () => {
    for (const [i, root] of roots.entries()) {
      // The second folder is built by fresh modules, as another process would: nothing is shared but the files.
      if (i > 0) vi.resetModules();
      const { buildProject: build } = (await import(
        '../../src/batch/index.js'
      )) as typeof import('../../src/batch/index.js');
      const plain = await build({ root, articles: [], clinics: [], jobs: 1 });
      const pdfa = await build({
        root,
        out: join(root, 'out/pdfa'),
        articles: ['puncion-seca-cuello'],
        clinics: [],
        jobs: 1,
        output: { pdfa: true },
      });
      expect([...plain.errors, ...pdfa.errors]).toEqual([]);
      expect(plain.outputs).toHaveLength(18);
    }
    const [near, far] = roots.map((root) => filesIn(join(root, 'out')));
    expect([...(far as Map<string, Buffer>).keys()].sort()).toEqual([...(near as Map<string, Buffer>).keys()].sort());
    // 18 PDFs and the manifest; PDF/A: the Spanish article in all five templates for both clinics, and its manifest.
    expect(near?.size).toBe(18 + 1 + 10 + 1);
    for (const [name, bytes] of near ?? []) expect(bytes.equals(far?.get(name) as Buffer), name).toBe(true);
  });

  it('a bare renderHandout (no documentId: the /ID follows what it draws) gives the same bytes', async () => {
    const pdfs: Uint8Array[] = [];
    for (const [i, root] of roots.entries())
      for (const clinic of ['harbor-wellness', 'ridgeline-integrative'])
        pdfs[i * 2 + (clinic === 'harbor-wellness' ? 0 : 1)] = (
          await renderHandout({
            root,
            article: readArticle(join(root, 'content/articles/puncion-seca-cuello.md'), root),
            brand: readBrand(join(root, `content/clinics/${clinic}.yaml`), root),
            template: 'handout',
          })
        ).pdf;
    const [nearPng, nearSvg, farPng, farSvg] = pdfs.map((pdf) => Buffer.from(pdf));
    expect(nearPng?.equals(farPng as Buffer)).toBe(true);
    expect(nearSvg?.equals(farSvg as Buffer)).toBe(true);
  });
});
