import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuildReport, buildProject } from '../../src/batch/index.js';
import { type ManifestData, mergeManifests } from '../../src/batch/manifest.js';
import { readArticle } from '../../src/content/index.js';
import { assessReadability } from '../../src/readability/index.js';
import { copyProject, makeProject, writeIn } from '../helpers/project.js';

describe("the build manifest carries each article's reading level", () => {
  let built: string;
  let first: BuildReport;
  const manifest = (root: string) => JSON.parse(readFileSync(join(root, 'out', 'manifest.json'), 'utf8'));
  // Built once; the case that changes the project changes a copy of its own.
  beforeAll(async () => {
    built = makeProject({ 'handout.config.yaml': 'builds:\n  - template: handout\n    clinics: [harbor-wellness]\n' });
    first = await buildProject({ root: built, articles: [], clinics: [], jobs: 1 });
  });

  it("by the formula of the article's language, as check computes it", () => {
    expect(first.errors).toEqual([]);
    const knee = assessReadability(readArticle(join(built, 'content/articles/acupuncture-knee-pain.md')));
    const { readability } = manifest(built);
    expect(readability['acupuncture-knee-pain']).toEqual({
      file: 'content/articles/acupuncture-knee-pain.md',
      lang: 'en',
      grade: knee.grade,
      formula: 'flesch-kincaid',
      fleschKincaidGrade: knee.fleschKincaidGrade,
      smogGrade: knee.smogGrade,
      fernandezHuerta: null,
      ease: null,
      words: knee.words,
      sentences: knee.sentences,
      wordsPerSentence: knee.wordsPerSentence,
    });
    expect(readability['puncion-seca-cuello']).toMatchObject({ lang: 'es', formula: 'fernandez-huerta', grade: 6 });
    expect(readability['puncion-seca-cuello']?.ease).toBe(readability['puncion-seca-cuello']?.fernandezHuerta);
  });

  it('an edited article gets its new level; an article keeps an entry while an output of it is listed', async () => {
    const root = copyProject(built);
    const file = join(root, 'content/articles/acupuncture-knee-pain.md');
    writeIn(root, 'content/articles/acupuncture-knee-pain.md', `${readFileSync(file, 'utf8')}\nA short line.\n`);
    await buildProject({ root, articles: [], clinics: [], jobs: 1, shard: { index: 1, count: 2 } });
    const after = manifest(root);
    expect(after.readability['acupuncture-knee-pain'].sentences).toBe(assessReadability(readArticle(file)).sentences);
    expect(Object.keys(after.outputs)).toHaveLength(2);
    expect(after.readability['puncion-seca-cuello']).toMatchObject({ formula: 'fernandez-huerta' });

    writeIn(root, 'content/articles/puncion-seca-cuello.md', '---\ntitle: Rota\nlang: es\n---\n\n<div>x</div>\n');
    const failed = await buildProject({ root, articles: [], clinics: [], jobs: 1 });
    expect(failed.failed).toBe(1);
    expect(manifest(root).readability['puncion-seca-cuello']).toBeUndefined();
  });

  it('shard manifests merge their reading levels; two that disagree are a conflict', () => {
    const entry = {
      file: 'a.md',
      lang: 'en',
      grade: 5,
      formula: 'flesch-kincaid',
    } as ManifestData['readability'][string];
    const part = (grade: number): ManifestData => ({ outputs: {}, readability: { a: { ...entry, grade } } });
    expect(
      mergeManifests([
        { file: '1', data: part(5) },
        { file: '2', data: part(5) },
      ]),
    ).toEqual({
      data: part(5),
      conflicts: [],
    });
    expect(
      mergeManifests([
        { file: '1', data: part(5) },
        { file: '2', data: part(6) },
      ]).conflicts,
    ).toEqual(['the readability of a differs in 2']);
  });
});
