import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectConfig } from '../../src/project/config-schema.js';
import { loadProject } from '../../src/project/index.js';
import { type PlanFilters, type PlanSource, planBuild, selectOutputs, shardOf } from '../../src/project/plan.js';
import { makeProject, removeProject, writeIn } from '../helpers/project.js';

const project = (config: ProjectConfig): PlanSource => ({
  root: '/p',
  config,
  configFile: null,
  configText: '',
  folders: { articles: '/p/content/articles', clinics: '/p/content/clinics' },
  articles: ['knee', 'neck', 'sleep'].map((id) => ({ id, file: `/p/content/articles/${id}.md` })),
  clinics: ['harbor', 'ridge'].map((id) => ({ id, file: `/p/content/clinics/${id}.yaml` })),
});
const noFilters: PlanFilters = { articles: [], clinics: [], template: null };
const plan = (config: ProjectConfig, filters = noFilters) => planBuild(project(config), filters);
const outputs = (config: ProjectConfig, filters = noFilters) => plan(config, filters).outputs.map((o) => o.output);

describe('build plan', () => {
  it('defaults to every clinic × every article with the handout template', () => {
    expect(outputs({})).toEqual([
      'harbor/knee.pdf',
      'harbor/neck.pdf',
      'harbor/sleep.pdf',
      'ridge/knee.pdf',
      'ridge/neck.pdf',
      'ridge/sleep.pdf',
    ]);
  });

  it('a misspelt template in the config is one error at its line in the config, with a suggestion; its rule plans nothing', () => {
    const configText =
      'builds:\n  - template: handout\n  # the big one\n  - template: larg-print\n    clinics: [ridge]\n';
    const config: ProjectConfig = { builds: [{ template: 'handout' }, { template: 'larg-print', clinics: ['ridge'] }] };
    const result = planBuild({ ...project(config), configFile: '/p/handout.config.yaml', configText }, noFilters);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'template-unknown',
        severity: 'error',
        file: '/p/handout.config.yaml',
        line: 4,
        column: 15,
        message: 'no template named "larg-print"',
      }),
    ]);
    expect(result.problems[0]?.hint).toMatch(/^Did you mean "large-print"\?/);
    expect(result.outputs.map((o) => o.template)).toEqual(Array(6).fill('handout'));
    const given = plan({}, { articles: [], clinics: [], template: 'handuot' });
    expect(given.problems).toEqual([
      expect.objectContaining({ code: 'template-unknown', file: '/p', message: expect.stringMatching(/--template/) }),
    ]);
    expect(given.outputs).toEqual([]);
  });

  it('adds a second template for some clinics, named apart', () => {
    const result = outputs({ builds: [{ template: 'handout' }, { template: 'trifold', clinics: ['ridge'] }] });
    expect(result).toHaveLength(9);
    expect(result.filter((o) => o.includes('trifold'))).toEqual([
      'ridge/knee-trifold.pdf',
      'ridge/neck-trifold.pdf',
      'ridge/sleep-trifold.pdf',
    ]);
  });

  it('limits articles per clinic and clinics per article, and sets a page size per clinic', () => {
    const result = plan({
      clinics: { harbor: { articles: ['knee', 'neck'] }, ridge: { page: 'A4' } },
      articles: { neck: { clinics: ['ridge'] } },
    }).outputs;
    expect(result.map((o) => o.output)).toEqual([
      'harbor/knee.pdf',
      'ridge/knee.pdf',
      'ridge/neck.pdf',
      'ridge/sleep.pdf',
    ]);
    expect(result.find((o) => o.output === 'ridge/knee.pdf')?.page).toBe('A4');
    expect(result.find((o) => o.output === 'harbor/knee.pdf')?.page).toBeNull();
  });

  it('applies command-line filters and --template on top of the rules', () => {
    expect(outputs({}, { articles: ['knee'], clinics: [], template: 'large-print' })).toEqual([
      'harbor/knee-large-print.pdf',
      'ridge/knee-large-print.pdf',
    ]);
    expect(outputs({}, { articles: [], clinics: ['ridge'], template: null })).toHaveLength(3);
  });

  it('uses output patterns and refuses two builds writing one file', () => {
    expect(outputs({ output: 'by-article/{article}/{clinic}.pdf' })[0]).toBe('by-article/knee/harbor.pdf');
    const clash = plan({
      builds: [{ template: 'handout' }, { template: 'trifold', output: '{clinic}/{article}.pdf' }],
    });
    expect(clash.problems[0]).toMatchObject({ code: 'output-clash' });
  });

  it('names unknown ids in the config', () => {
    const { problems } = plan({ builds: [{ template: 'handout', clinics: ['nowhere'] }] });
    expect(problems[0]).toMatchObject({ code: 'unknown-clinic', message: 'no clinic with id "nowhere"' });
    const given = plan({}, { articles: ['nope'], clinics: [], template: null }).problems;
    expect(given[0]).toMatchObject({
      code: 'unknown-article',
      message: 'no article with id "nope" (given with --article)',
      file: '/p/content/articles',
    });
  });

  it('refuses filters that select nothing, and a config that plans nothing', () => {
    const none = selectOutputs(
      project({ clinics: { harbor: { articles: ['neck'] } } }),
      {
        articles: ['knee'],
        clinics: ['harbor'],
        template: null,
      },
      null,
    );
    expect(none.selected).toEqual([]);
    expect(none.problems).toMatchObject([
      { code: 'nothing-selected', message: '--article knee --clinic harbor selects nothing the plan builds' },
    ]);
    const empty = selectOutputs(
      project({ articles: { knee: { clinics: [] }, neck: { clinics: [] }, sleep: { clinics: [] } } }),
      noFilters,
      null,
    );
    expect(empty.problems).toMatchObject([{ code: 'nothing-selected', message: 'the config plans no outputs' }]);
  });

  it('keeps every planned output of a filtered or sharded run, so the others stay in the manifest', () => {
    const filtered = selectOutputs(
      project({}),
      { articles: ['knee'], clinics: [], template: 'trifold' },
      { index: 1, count: 2 },
    );
    expect(filtered.selected.map((o) => o.output)).toEqual(['harbor/knee-trifold.pdf']);
    expect([...filtered.planned].sort()).toEqual([
      'harbor/knee-trifold.pdf',
      'harbor/knee.pdf',
      'harbor/neck.pdf',
      'harbor/sleep.pdf',
      'ridge/knee-trifold.pdf',
      'ridge/knee.pdf',
      'ridge/neck.pdf',
      'ridge/sleep.pdf',
    ]);
  });

  it('says why each output is planned', () => {
    expect(plan({}).outputs[0]?.reason).toMatch(/default/);
    expect(plan({ builds: [{ template: 'trifold', clinics: ['ridge'] }] }).outputs[0]?.reason).toBe(
      'builds[0] (trifold, clinics ridge)',
    );
  });
});

describe('shards', () => {
  it('split the plan into balanced parts that together cover it exactly once', () => {
    const all = Array.from({ length: 100 }, (_, i) => `o${i}`);
    const parts = [1, 2, 3].map((index) => shardOf(all, { index, count: 3 }));
    expect(parts.map((p) => p.length)).toEqual([34, 33, 33]);
    expect(parts.flat().sort()).toEqual([...all].sort());
    expect(new Set(parts.flat()).size).toBe(all.length);
    expect(shardOf(all, { index: 2, count: 3 })).toEqual(parts[1]);
  });
});

describe('translations in the plan', () => {
  const article = (title: string, extra = '') => `---\ntitle: ${title}\n${extra}---\n\nText.\n`;
  const clinic = (name: string, languages?: string) => `name: ${name}\n${languages ? `languages: ${languages}\n` : ''}`;
  let root: string;
  let project: PlanSource;
  beforeAll(() => {
    root = makeProject(
      {
        'content/articles/knee-pain.md': article('Knee pain'),
        'content/articles/knee-pain.es.md': article('Dolor de rodilla'),
        'content/articles/cuello.md': article('Cuello', 'lang: es\ntranslationOf: neck\n'),
        'content/articles/neck.md': article('Neck'),
        'content/articles/genou.md': article('Genou', 'lang: fr-CA\n'),
        'content/clinics/harbor.yaml': clinic('Harbor', '[en, es]'),
        'content/clinics/ridge.yaml': clinic('Ridge', '[en]'),
        'content/clinics/quebec.yaml': clinic('Québec', '[fr]'),
        'content/clinics/open.yaml': clinic('Open'),
      },
      { samples: false },
    );
    project = loadProject({ root });
  });
  afterAll(() => removeProject(root));

  it('builds an article only for the clinics that serve its language; every language without a list', () => {
    const result = planBuild(project, noFilters).outputs;
    expect(result.map((o) => `${o.output} ${o.lang}`)).toEqual([
      'harbor/cuello.pdf es',
      'harbor/knee-pain.es.pdf es',
      'harbor/knee-pain.pdf en',
      'harbor/neck.pdf en',
      'open/cuello.pdf es',
      'open/genou.pdf fr-CA',
      'open/knee-pain.es.pdf es',
      'open/knee-pain.pdf en',
      'open/neck.pdf en',
      // "fr" serves fr-CA.
      'quebec/genou.pdf fr-CA',
      'ridge/knee-pain.pdf en',
      'ridge/neck.pdf en',
    ]);
    // Translations share their original: from the file name, or from translationOf.
    const original = (output: string) => result.find((o) => o.output === output)?.original;
    expect(original('harbor/knee-pain.es.pdf')).toBe('knee-pain');
    expect(original('harbor/knee-pain.pdf')).toBe('knee-pain');
    expect(original('harbor/cuello.pdf')).toBe('neck');
  });

  it('says why a pair the config names is not built', () => {
    const configFile = writeIn(
      root,
      'handout.config.yaml',
      'builds:\n  - template: trifold\n    clinics: [ridge]\n    articles: [cuello]\n',
    );
    const { outputs: planned, problems } = planBuild(
      {
        ...project,
        config: { builds: [{ template: 'trifold', clinics: ['ridge'], articles: ['cuello'] }] },
        configFile,
        configText: readFileSync(configFile, 'utf8'),
      },
      noFilters,
    );
    expect(planned).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'language-not-served',
        severity: 'warning',
        message: 'cuello (es) is not built for ridge, which serves en only',
        file: configFile,
        line: 4,
      }),
    ]);
    // Asked for on the command line: the same warning, at the clinic file that lists the languages.
    const asked = planBuild(project, { articles: ['cuello'], clinics: ['ridge'], template: null });
    expect(asked.outputs).toEqual([]);
    expect(asked.problems).toEqual([
      expect.objectContaining({ code: 'language-not-served', file: join(root, 'content/clinics/ridge.yaml') }),
    ]);
    // Asking for the article alone builds it where it is served, without a word.
    const alone = planBuild(project, { articles: ['cuello'], clinics: [], template: null });
    expect(alone.outputs.map((o) => o.output)).toEqual(['harbor/cuello.pdf', 'open/cuello.pdf']);
    expect(alone.problems).toEqual([]);
  });
});
