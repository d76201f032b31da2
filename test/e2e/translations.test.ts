import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuildReport, buildProject } from '../../src/batch/index.js';
import { readManifest } from '../../src/batch/manifest.js';
import { checkProject } from '../../src/check/index.js';
import { copyProject, makeProject, writeIn } from '../helpers/project.js';

const article = (title: string, extra = '') => `---\ntitle: ${title}\n${extra}---\n\nShort text.\n`;

describe('translations: built for the clinics that serve their language, related in the manifest', () => {
  let built: string;
  let first: BuildReport;
  const manifest = (root: string) => readManifest(join(root, 'out/manifest.json'));
  // Built once; a case that changes the project changes a copy of its own.
  beforeAll(async () => {
    built = makeProject(
      {
        'content/clinics/harbor.yaml': 'name: Harbor\nlanguages: [en, es]\n',
        'content/clinics/ridge.yaml': 'name: Ridge\nlanguages:\n  - en\n  - fr\n',
        'content/articles/knee-pain.md': article('Knee pain'),
        'content/articles/knee-pain.es.md': article('Dolor de rodilla'),
        'content/articles/neck.md': article('Neck pain'),
        'content/articles/cuello.md': article('Dolor de cuello', 'lang: es\ntranslationOf: neck\n'),
        'content/articles/sleep.de.md': article('Schlaf'),
        'content/articles/hombro.md': article('Hombro', 'lang: es\ntranslationOf: shoulder\n'),
      },
      { samples: false },
    );
    first = await buildProject({ root: built, articles: [], clinics: [], jobs: 1 });
  });

  it('builds each article only where its language is served, and lists each output with its translations', () => {
    const report = first;
    expect(report.errors).toEqual([]);
    expect(report.outputs.map((o) => `${o.clinic}/${o.article}`)).toEqual([
      'harbor/cuello',
      'harbor/hombro',
      'harbor/knee-pain.es',
      'harbor/knee-pain',
      'harbor/neck',
      'ridge/knee-pain',
      'ridge/neck',
    ]);
    expect(existsSync(join(built, 'out/ridge/knee-pain.es.pdf'))).toBe(false);
    const { outputs } = manifest(built);
    expect(outputs['harbor/knee-pain.pdf']).toMatchObject({
      lang: 'en',
      translations: [{ article: 'knee-pain.es', lang: 'es', output: 'harbor/knee-pain.es.pdf' }],
    });
    expect(outputs['harbor/knee-pain.es.pdf']).toMatchObject({
      lang: 'es',
      translations: [{ article: 'knee-pain', lang: 'en', output: 'harbor/knee-pain.pdf' }],
    });
    expect(outputs['harbor/cuello.pdf']?.translations).toEqual([
      { article: 'neck', lang: 'en', output: 'harbor/neck.pdf' },
    ]);
    // Ridge serves no Spanish: its English handouts have no translation to point to.
    expect(outputs['ridge/knee-pain.pdf']?.translations).toEqual([]);
    expect(outputs['harbor/hombro.pdf']?.translations).toEqual([]);
  });

  it('relates a translation added later to outputs that are up to date', async () => {
    const root = copyProject(built);
    writeIn(root, 'content/articles/neck.fr.md', article('Douleur au cou'));
    const report = await buildProject({ root, articles: [], clinics: [], jobs: 1 });
    expect(report.outputs.map((o) => `${o.clinic}/${o.article}`)).toEqual(['ridge/neck.fr']);
    expect(report.upToDate).toBe(7);
    expect(manifest(root).outputs['ridge/neck.pdf']?.translations).toEqual([
      { article: 'neck.fr', lang: 'fr', output: 'ridge/neck.fr.pdf' },
    ]);
    expect(manifest(root).outputs['harbor/neck.pdf']?.translations).toEqual([
      { article: 'cuello', lang: 'es', output: 'harbor/cuello.pdf' },
    ]);
  });

  it('check notes a translation without its original, an article no clinic serves and a language without articles', async () => {
    const root = copyProject(built);
    // Ridge's French has an article; Coast's Dutch has none.
    writeIn(root, 'content/articles/neck.fr.md', article('Douleur au cou'));
    writeIn(root, 'content/clinics/coast.yaml', 'name: Coast\nlanguages: [en, nl]\n');
    const report = await checkProject({ root });
    const said = report.problems
      .filter((p) => p.code.startsWith('translation') || p.code.startsWith('language'))
      .map((p) => [p.severity, p.code, p.file.slice(root.length + 1), p.line]);
    expect(said).toEqual([
      ['warning', 'translation-original', 'content/articles/hombro.md', 4],
      ['note', 'translation-original', 'content/articles/sleep.de.md', 1],
      ['note', 'language-no-clinic', 'content/articles/sleep.de.md', 1],
      ['note', 'language-without-articles', 'content/clinics/coast.yaml', 2],
    ]);
    expect(report.notes).toBe(3);
    expect(report.errors).toBe(0);
    const message = (file: string, code: string) =>
      report.problems.find((p) => p.file.endsWith(file) && p.code === code)?.message;
    expect(message('sleep.de.md', 'translation-original')).toBe(
      'sleep.de is named as the German translation of "sleep", but there is no sleep.md',
    );
    expect(message('coast.yaml', 'language-without-articles')).toBe(
      'coast serves Dutch (nl), but no article is written in it yet',
    );
  });
});
