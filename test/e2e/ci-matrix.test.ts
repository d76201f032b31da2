import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from '../helpers/cli.js';
import { removeProject, syntheticProject } from '../helpers/project.js';

const filesIn = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();

describe("the README's CI matrix, end to end", () => {
  it('N shards in their own folders, merged, are exactly a full build: the same files, the same manifest, nothing to rebuild', async () => {
    const root = syntheticProject({ clinics: 3, articles: 4, minWords: 40, maxWords: 60 });
    const shards = 3;
    // Each job: npx handout build --shard I/N --out shards/handouts-I (uploaded as an artifact and downloaded as is).
    const parts: string[][] = [];
    for (let index = 1; index <= shards; index++) {
      const r = await cliJson(
        ['build', '--jobs', '1', '--shard', `${index}/${shards}`, '--out', `shards/handouts-${index}`],
        root,
      );
      expect(r.code).toBe(0);
      parts.push(r.json.outputs.map((o: { path: string }) => o.path));
    }
    expect(parts.map((p) => p.length)).toEqual([4, 4, 4]);
    // The merge job: npx handout manifest merge shards/*/manifest.json --out out/manifest.json
    const manifests = Array.from({ length: shards }, (_, i) => `shards/handouts-${i + 1}/manifest.json`);
    const merge = await cli(['manifest', 'merge', ...manifests, '--out', 'out/manifest.json'], root);
    expect(merge.code).toBe(0);
    expect(merge.stdout).toMatch(/merged 3 manifests into out\/manifest\.json: 12 outputs, 12 PDFs copied/);

    // The same project built in one go.
    expect((await cli(['build', '--jobs', '1', '--quiet', '--out', 'full'], root)).code).toBe(0);
    const merged = join(root, 'out');
    const full = join(root, 'full');
    expect(filesIn(merged)).toEqual(filesIn(full));
    for (const file of filesIn(full))
      expect(readFileSync(join(merged, file)).equals(readFileSync(join(full, file))), file).toBe(true);

    // A dry run on the merged folder plans nothing.
    const dry = (await cliJson(['build', '--dry-run'], root)).json;
    expect(dry.plan).toHaveLength(12);
    expect(dry.plan.filter((p: { status: string }) => p.status !== 'up-to-date')).toEqual([]);
    expect(dry.unplanned).toEqual([]);
    removeProject(root);
  });
});
