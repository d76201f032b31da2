import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeProject, removeProject } from '../helpers/project.js';

/**
 * A folder that behaves as a read-only mount does under Node 20 (checked on a tmpfs mounted read-only):
 * mkdir says EROFS, but recursive mkdir says ENOENT, and writing a file says EROFS. Mounting needs root,
 * so the disk is simulated; `fault.code` turns it into a folder the user may not write (EACCES).
 */
const fault = vi.hoisted(() => ({ folder: '\0none', code: 'EROFS' }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const inside = (path: unknown) => String(path).startsWith(`${fault.folder}/`);
  const failure = (code: string, syscall: string, path: unknown) =>
    Object.assign(new Error(`${code}: simulated, ${syscall} '${String(path)}'`), { code, syscall, path: String(path) });
  const mkdirSync = ((path: string, options?: { recursive?: boolean }) => {
    if (!inside(path)) return fs.mkdirSync(path, options);
    throw failure(options?.recursive && fault.code === 'EROFS' ? 'ENOENT' : fault.code, 'mkdir', path);
  }) as typeof fs.mkdirSync;
  const writeFileSync: typeof fs.writeFileSync = (path, data, options) => {
    if (inside(path)) throw failure(fault.code, 'open', path);
    return fs.writeFileSync(path, data, options);
  };
  return { ...fs, default: { ...fs, mkdirSync, writeFileSync }, mkdirSync, writeFileSync };
});

const { cli } = await import('../helpers/cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'handout-read-only-'));
const disk = join(scratch, 'disk');
mkdirSync(disk);
// One handout in the plan: the build whose manifest is merged stays short.
const root = makeProject(
  {
    'handout.config.yaml':
      'builds:\n  - template: handout\n    articles: [acupuncture-knee-pain]\n    clinics: [harbor-wellness]\n',
  },
  { samples: 'short' },
);
afterAll(() => {
  removeProject(root);
  removeProject(scratch);
});

describe('a read-only disk is reported as such, with the path, never as a missing file', () => {
  it.each([
    ['EROFS', 'the file system is read-only (EROFS)'],
    ['EACCES', 'permission denied (is the folder read-only?) (EACCES)'],
  ])('%s: build, manifest merge and init name the folder they could not write and why', async (code, reason) => {
    Object.assign(fault, { folder: disk, code });
    try {
      const build = await cli(['build', '--out', join(disk, 'out', 'handouts')], root);
      expect(build.code).toBe(1);
      expect(build.stderr).toContain(`cannot write ${join(disk, 'out', 'handouts')}: ${reason}`);
      expect(build.stderr).not.toMatch(/ENOENT|no such file/);

      const merged = join(disk, 'merged', 'manifest.json');
      await cli(['build'], root);
      const merge = await cli(['manifest', 'merge', join(root, 'out', 'manifest.json'), '--out', merged], root);
      expect(merge.code).toBe(1);
      expect(merge.stderr).toContain(`cannot write ${join(disk, 'merged')}: ${reason}`);

      const init = await cli(['init', join(disk, 'project')], root);
      expect(init.code).toBe(1);
      expect(init.stderr).toContain(`cannot write ${join(disk, 'project')}`);
      expect(init.stderr).toContain(reason);
      expect(`${merge.stderr}${init.stderr}`).not.toMatch(/ENOENT|no such file/);
    } finally {
      fault.folder = '\0none';
    }
  });
});
