import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { decodeManifest } from '../../src/batch/manifest-file.js';
import { checkProject } from '../../src/check/index.js';
import { makeProject, removeProject } from '../helpers/project.js';

// Ids that are also the names of an object's own machinery: a plain object keyed by them loses or misreads them.
const ids = ['__proto__', 'constructor', 'toString'];
const made: string[] = [];
afterAll(() => {
  for (const root of made) removeProject(root);
});

function project(config: string): string {
  const files: Record<string, string> = { 'handout.config.yaml': config };
  for (const id of ids) {
    files[`content/articles/${id}.md`] =
      `---\ntitle: About ${id}\n---\n\nA constructor is short. It is easy to read.\n`;
    files[`content/clinics/${id}.yaml`] = `name: Clinic ${id}\n`;
  }
  const root = makeProject(files, { samples: false });
  made.push(root);
  return root;
}

const rules = [
  'clinics:',
  '  __proto__:',
  '    articles: [constructor]',
  '  constructor:',
  '    articles: [toString, __proto__]',
  'articles:',
  '  __proto__:',
  '    clinics: [toString, constructor]',
  '  toString:',
  '    clinics: [constructor]',
  '    diagnostics: { ignore: [last-page-nearly-empty] }',
  '',
].join('\n');

describe('articles and clinics named __proto__, constructor and toString', () => {
  it('config rules for them hold, and each article has its readability entry', async () => {
    const root = project(rules);
    const report = await buildProject({ root, articles: [], clinics: [], jobs: 1 });
    expect(report.errors).toEqual([]);
    expect(report.results.map((r) => r.output).sort()).toEqual([
      '__proto__/constructor.pdf',
      'constructor/__proto__.pdf',
      'constructor/toString.pdf',
      'toString/__proto__.pdf',
      'toString/constructor.pdf',
    ]);
    const manifest = decodeManifest(JSON.parse(readFileSync(join(root, 'out/manifest.json'), 'utf8')));
    expect(Object.keys(manifest.data.readability).sort()).toEqual(ids);
    expect(Object.getPrototypeOf(manifest.data.readability)).toBe(null);
    // "constructor" in the text is a word like any other, not Object's function: the grade is a number.
    for (const id of ids) expect(manifest.data.readability[id]?.fleschKincaidGrade).toEqual(expect.any(Number));
    // Nothing changed: the manifest read back says everything is up to date.
    const again = await buildProject({ root, articles: [], clinics: [], jobs: 1 });
    expect([again.outputs.length, again.upToDate]).toEqual([0, 5]);
  });

  it('check gives each of them a reading level that is a number', async () => {
    const root = project(rules);
    const report = await checkProject({ root });
    expect(report.problems.filter((p) => p.message.includes('NaN'))).toEqual([]);
    expect(report.readability.map((r) => r.fleschKincaidGrade)).toEqual(ids.map(() => expect.any(Number)));
  });

  it('a wrong value under a "__proto__" key is a placed error, not ignored', async () => {
    const root = project('clinics:\n  __proto__:\n    page: B5\n');
    const report = await buildProject({ root, articles: [], clinics: [], jobs: 1 });
    expect(report.errors.map((e) => [e.code, e.line, e.message])).toEqual([
      ['invalid-field', 3, expect.stringMatching(/^config: "clinics.__proto__.page" /)],
    ]);
  });
});
