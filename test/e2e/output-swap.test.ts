import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { lockName } from '../../src/batch/lock.js';
import { HandoutError } from '../../src/errors.js';
import { proofOutputs } from '../../src/proof/index.js';
import { makeProject, removeProject } from '../helpers/project.js';

const made: string[] = [];
afterAll(() => {
  for (const root of made) removeProject(root);
});

/** A folder outside the project with a file in it, and a snapshot of every file's bytes. */
function outsideFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'handout-outside-'));
  made.push(dir);
  mkdirSync(join(dir, 'ridgeline-integrative'));
  writeFileSync(join(dir, 'keep.txt'), 'not the tool’s\n');
  writeFileSync(join(dir, 'ridgeline-integrative', 'acupuncture-knee-pain.pdf'), 'someone else’s file\n');
  return { dir, snapshot: () => snapshot(dir) };
}

/** Every entry below a folder with its bytes (folders as "/"), so a change anywhere shows. */
function snapshot(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { recursive: true }).map(String).sort();
  return Object.fromEntries(
    entries.map((name) => {
      const path = join(dir, name);
      return [name, statSync(path).isDirectory() ? '/' : readFileSync(path).toString('base64')];
    }),
  );
}

/** out/ moved aside and replaced by a link to the outside folder, as the attack did between two handouts. */
function swap(root: string, outside: string): string {
  const moved = join(root, 'out-moved');
  renameSync(join(root, 'out'), moved);
  symlinkSync(outside, join(root, 'out'));
  return moved;
}

const locksIn = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(lockName));

describe('the output folder swapped for a link during a run', () => {
  it('a build stops writing with a placed error: nothing outside is created or changed, and no lock is left', async () => {
    const root = makeProject({}, { samples: 'short' });
    made.push(root);
    const outside = outsideFolder();
    const before = outside.snapshot();
    let moved = '';
    const report = await buildProject({
      root,
      articles: [],
      clinics: [],
      jobs: 1,
      onEvent: (event) => {
        if (event.type === 'built' && !moved) moved = swap(root, outside.dir);
      },
    });
    expect(moved).not.toBe('');
    expect(outside.snapshot()).toEqual(before);
    const errors = report.errors.map((e) => [e.code, e.message]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.[0]).toBe('output-unwritable');
    expect(errors[0]?.[1]).toMatch(
      /the output folder .* was replaced by a link to .* during the run; nothing is written outside it/,
    );
    expect(report.results.filter((r) => r.status === 'built')).toHaveLength(1);
    expect(report.failed).toBe(report.results.length - 1);
    // The lock went with the folder that was moved, and was released there.
    expect(locksIn(moved)).toEqual([]);
    expect(locksIn(outside.dir)).toEqual([]);
    // The one handout written before the swap is in the moved folder, whole.
    expect(
      readdirSync(moved, { recursive: true })
        .map(String)
        .filter((n) => n.endsWith('.pdf')),
    ).toHaveLength(1);
  });

  it('proof stops with a placed error: no page, sheet or record is written or removed outside', async () => {
    const root = makeProject({}, { samples: 'short' });
    made.push(root);
    const built = await buildProject({ root, articles: [], clinics: [], jobs: 1 });
    expect(built.errors).toEqual([]);
    const outside = outsideFolder();
    // The outside folder is a copy of the build with a stray sheet: a page drawn or a file removed there would show.
    cpSync(join(root, 'out'), outside.dir, { recursive: true });
    mkdirSync(join(outside.dir, 'proofs', 'sheets'), { recursive: true });
    writeFileSync(join(outside.dir, 'proofs', 'sheets', 'clinic-ridgeline-integrative.png'), 'not a sheet\n');
    const before = outside.snapshot();
    let swapped = false;
    const run = proofOutputs({
      outDir: join(root, 'out'),
      jobs: 1,
      onProgress: () => {
        if (!swapped) swap(root, outside.dir);
        swapped = true;
      },
    });
    const error = await run.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(swapped).toBe(true);
    expect(outside.snapshot()).toEqual(before);
    expect(error).toBeInstanceOf(HandoutError);
    const problem = (error as HandoutError).problems()[0];
    expect(problem?.code).toBe('output-unwritable');
    expect(problem?.message).toMatch(/was replaced by a link to .* during the run; nothing is written outside it/);
    expect(existsSync(join(root, 'out-moved', 'manifest.json'))).toBe(true);
  });
});
