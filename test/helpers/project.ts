import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A throwaway project folder holding a copy of the sample content (and optionally more files). */
export function makeProject(files: Record<string, string | Buffer> = {}, options: { samples?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'handout-test-'));
  if (options.samples !== false) cpSync(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export function removeProject(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export function writeIn(root: string, path: string, text: string): string {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}
