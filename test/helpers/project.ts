import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSyntheticProject, type SyntheticOptions } from '../../bench/synthetic.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Projects made by these helpers and not yet removed: the end of their test file removes them (test/setup/leftovers.ts). */
const made = new Set<string>();

/**
 * A throwaway project folder holding a copy of the sample content (and optionally more files). `samples: 'short'`
 * keeps only the first section of each sample article (same ids, titles and languages; one page each), for tests
 * about what is built rather than how a long text is set: it builds in about half the time.
 */
export function makeProject(
  files: Record<string, string | Buffer> = {},
  options: { samples?: boolean | 'short' } = {},
): string {
  const root = mkdtempSync(join(tmpdir(), 'handout-test-'));
  made.add(root);
  if (options.samples !== false) cpSync(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
  if (options.samples === 'short') {
    for (const name of readdirSync(join(root, 'content', 'articles')))
      writeIn(root, `content/articles/${name}`, shortSample(name.replace(/\.md$/, '')));
  }
  for (const [path, text] of Object.entries(files)) writeIn(root, path, text);
  return root;
}

/** A generated project (bench/synthetic.ts), removed like `makeProject`'s. */
export function syntheticProject(options: SyntheticOptions): string {
  const root = makeSyntheticProject(options, mkdtempSync(join(tmpdir(), 'handout-test-')));
  made.add(root);
  return root;
}

/** A copy of a project (with its build, if any) that a test may change without touching the original. */
export function copyProject(source: string): string {
  const root = mkdtempSync(join(tmpdir(), 'handout-test-'));
  made.add(root);
  cpSync(source, root, { recursive: true });
  return root;
}

/** A sample article up to its second level-2 heading: its front matter and first section, one page. */
export function shortSample(id: string): string {
  const markdown = readFileSync(join(repoRoot, 'content', 'articles', `${id}.md`), 'utf8');
  const second = markdown.indexOf('\n## ', markdown.indexOf('\n## ') + 1);
  return second < 0 ? markdown : markdown.slice(0, second + 1);
}

export function removeProject(root: string): void {
  rmSync(root, { recursive: true, force: true });
  made.delete(root);
}

/** Remove every project these helpers made that a test has not removed itself (a failed test, a shared fixture). */
export function removeProjects(): void {
  for (const root of made) removeProject(root);
}

export function writeIn(root: string, path: string, text: string | Buffer): string {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}
