import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeProject, removeProject } from '../helpers/project.js';

/** Fault injection: writes of temporary PDF files fail once `failAfter` of them have succeeded. */
const fault = vi.hoisted(() => ({ failAfter: Number.POSITIVE_INFINITY, written: 0, code: 'ENOSPC' }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeFileSync: typeof fs.writeFileSync = (path, data, options) => {
    if (/\.pdf\.handout-\d+-[0-9a-f]+\.tmp$/.test(String(path)) && fault.written++ >= fault.failAfter) {
      // Write part of it first, as a disk that fills up does.
      fs.writeFileSync(path, String(data).slice(0, 100), options);
      throw Object.assign(new Error(`${fault.code}: simulated, write '${String(path)}'`), {
        code: fault.code,
        syscall: 'write',
        path: String(path),
      });
    }
    return fs.writeFileSync(path, data, options);
  };
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

const { buildProject } = await import('../../src/batch/index.js');
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) removeProject(root);
});

describe('the output folder fails mid-build', () => {
  it.each([
    ['ENOSPC', /the disk is full \(ENOSPC\)/],
    ['EROFS', /the file system is read-only \(EROFS\)/],
    ['EACCES', /permission denied/],
  ])(
    '%s: one error naming the path and cause; written PDFs whole; the manifest valid; no temp file left',
    async (code, cause) => {
      const root = makeProject();
      roots.push(root);
      Object.assign(fault, { failAfter: 1, written: 0, code });
      const report = await buildProject({ root, articles: [], clinics: [], jobs: 1 });
      fault.failAfter = Number.POSITIVE_INFINITY;
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]).toMatchObject({
        code: 'output-unwritable',
        file: expect.stringContaining(join(root, 'out')),
      });
      expect(report.errors[0]?.message).toMatch(cause);
      expect(report.outputs).toHaveLength(1);
      expect(report.failed).toBe(3);
      const out = join(root, 'out');
      const files = readdirSync(out, { recursive: true }).map(String);
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(Object.keys(manifest.outputs)).toEqual([report.outputs[0]?.path.slice(out.length + 1)]);
      const pdf = readFileSync(report.outputs[0]?.path as string);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.subarray(-6).toString()).toMatch(/%%EOF/);
    },
  );
});
