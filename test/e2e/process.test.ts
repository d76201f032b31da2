import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handout } from '../helpers/cli.js';
import { removeProject } from '../helpers/project.js';

// What only a real process shows: the installed command (the bundle) starts, exits with the right code, and
// keeps stdout for its own output. Everything else about the CLI is tested in-process (cli.test.ts).
describe('the handout command', () => {
  const empty = mkdtempSync(join(tmpdir(), 'handout-process-'));
  afterAll(() => removeProject(empty));

  it('prints its help and version from the bundle, with exit 0', async () => {
    const help = await handout(['--help'], empty);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/handout manifest +Work with build manifests/);
    expect(help.stderr).toBe('');
    expect((await handout(['-v'], empty)).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 on a usage error and on a folder that is not a project, without a stack trace or a file written', async () => {
    const typo = await handout(['biuld'], empty);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^handout: unknown argument: biuld\n {2}did you mean "handout build"\?/);
    const wrong = await handout(['build'], empty);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/error not-a-project/);
    for (const run of [typo, wrong]) expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(empty)).toEqual([]);
  });
});
