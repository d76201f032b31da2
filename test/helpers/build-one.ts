import { expect } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { makeProject } from './project.js';

/**
 * One article built for the Harbor clinic with one template, in this thread, with more files in the project
 * (fonts, templates); a build error fails the test. The PDF's path.
 */
export async function buildOneArticle(
  template: string,
  article: { readonly id: string; readonly text: string },
  files: Record<string, string | Buffer> = {},
): Promise<string> {
  const root = makeProject({
    ...files,
    [`content/articles/${article.id}.md`]: article.text,
    'handout.config.yaml': `builds:\n  - template: ${template}\n    articles: [${article.id}]\n    clinics: [harbor-wellness]\n`,
  });
  const report = await buildProject({ root, articles: [], clinics: [], jobs: 1 });
  expect(report.errors).toEqual([]);
  const output = report.outputs[0];
  if (!output) throw new Error('nothing was built');
  return output.path;
}
