import { afterAll, describe, expect, it } from 'vitest';
import { makeSyntheticProject } from '../../bench/synthetic.js';
import { type BuildEvent, type BuildReport, buildProject } from '../../src/batch/index.js';
import { removeProject } from '../helpers/project.js';

describe('a build that waited for the lock plans after it', () => {
  const root = makeSyntheticProject({ clinics: 2, articles: 2, minWords: 40, maxWords: 60 });
  afterAll(() => removeProject(root));

  it('two builds into one folder: the second waits, then finds everything up to date and rebuilds nothing', async () => {
    const second: BuildEvent[] = [];
    let waiting: Promise<BuildReport> | null = null;
    // The second build starts once the first holds the folder (its start event comes after the lock).
    const first = await buildProject({
      root,
      jobs: 1,
      onEvent: (event) => {
        if (event.type === 'start') waiting = buildProject({ root, jobs: 1, onEvent: (e) => second.push(e) });
      },
    });
    expect(first.outputs).toHaveLength(4);
    expect(waiting).not.toBeNull();
    const report = await (waiting as unknown as Promise<BuildReport>);
    expect(second[0]).toMatchObject({ type: 'waiting', pid: process.pid });
    expect(report.errors).toEqual([]);
    expect(report.outputs).toEqual([]);
    expect(report.upToDate).toBe(4);
  });
});
