import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSyntheticProject, type SyntheticOptions } from '../../bench/synthetic.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Projects made by these helpers and not yet removed: the end of their test file removes them (test/setup/leftovers.ts). */
const made = new Set<string>();

/** A throwaway project folder holding a copy of the sample content (and optionally more files). */
export function makeProject(files: Record<string, string | Buffer> = {}, options: { samples?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'handout-test-'));
  made.add(root);
  if (options.samples !== false) cpSync(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
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
