import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticManifest } from '../../bench/synthetic-manifest.js';
import { type ManifestEntry, openManifest, readManifestStrict, writeManifest } from '../../src/batch/manifest.js';
import { decodeManifest, encodeManifest } from '../../src/batch/manifest-file.js';
import { limits } from '../../src/shared/limits.js';

const plan = { id: 'a'.repeat(64), shard: { index: 2, count: 4 }, outputs: 80_000 };

describe('the manifest format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'handout-manifest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stays under 0.5 KB per output at 20,000 outputs', () => {
    const data = syntheticManifest(400, 50);
    const bytes = Buffer.byteLength(encodeManifest({ data, tool: '1.0.0', plan }));
    expect(Object.keys(data.outputs)).toHaveLength(20_000);
    expect(bytes / 20_000).toBeLessThanOrEqual(512);
  });

  it('reads back exactly what was written: inputs, diagnostics with their output, translations, the plan', () => {
    const data = syntheticManifest(3, 12);
    const failed = 'clinic-0001-family-wellness/article-0003-knee-pain-relief.pdf';
    data.outputs[failed] = { ...(data.outputs[failed] as ManifestEntry), failed: true };
    // A link to an output the manifest does not list (its first build failed) keeps its article and language.
    const [first] = Object.keys(data.outputs) as [string];
    const lost = { article: 'gone', lang: 'fr', output: 'x/gone.pdf' };
    data.outputs[first] = { ...(data.outputs[first] as ManifestEntry), translations: [lost] };
    // Inputs in the order a build records them, by name: "a b.png" after "a", although its JSON text sorts first.
    data.outputs[first] = {
      ...(data.outputs[first] as ManifestEntry),
      inputs: { 'assets/a': 'absent', 'assets/a b.png': 'b'.repeat(64), 'assets/b': 'absent' },
    };
    const file = { data, tool: '1.0.0', plan };
    const text = encodeManifest(file);
    const back = decodeManifest(JSON.parse(text));
    expect(back).toEqual(file);
    expect(Object.keys(back.data.outputs[first]?.inputs ?? {})).toEqual(['assets/a', 'assets/a b.png', 'assets/b']);
    expect(encodeManifest(back)).toBe(text);
    // Each input state is listed once however many outputs name it.
    const listed = JSON.parse(text).inputs as [string, string][];
    expect(listed.filter(([name]) => name === 'handout-press:templates/handout/layout.hbs')).toHaveLength(1);
  });

  it('refuses indexes it does not list, and a damaged entry, as an invalid manifest', () => {
    const text = encodeManifest({ data: syntheticManifest(1, 2), tool: '1.0.0', plan });
    for (const [what, broken] of [
      ['an input index', text.replace(/"inputs":"[^"]*"/, '"inputs":"0-999"')],
      ['a diagnostic index', text.replace(/"diagnostics":\[0\]/, '"diagnostics":[7]')],
      ['a hash', text.replace(/"sha256":"[0-9a-f]+"/, '"sha256":"nope"')],
    ] as const) {
      const path = join(dir, 'broken.json');
      writeFileSync(path, broken);
      expect(() => readManifestStrict(path), what).toThrow(
        /manifest-invalid|is not a Handout Press manifest|refers to/,
      );
      const opened = openManifest(path);
      expect(opened.problems, what).toMatchObject([{ code: 'manifest-invalid', severity: 'warning', file: path }]);
      expect(opened.problems[0]?.message, what).toMatch(/every output is built again/);
    }
  });

  it('an older manifest is a note that everything is rebuilt once', () => {
    const path = join(dir, 'old.json');
    writeFileSync(path, JSON.stringify({ manifestVersion: 2, tool: '0.0.1', outputs: {}, readability: {} }));
    expect(openManifest(path).problems).toMatchObject([
      { code: 'manifest-invalid', severity: 'note', message: expect.stringMatching(/manifest version 2/) },
    ]);
  });

  it('a manifest over the size limit is an error naming the file and the limit, never an empty one', () => {
    const path = join(dir, 'huge.json');
    writeFileSync(path, '{}');
    truncateSync(path, limits.manifestBytes + 1);
    const opened = openManifest(path);
    expect(opened.problems).toMatchObject([
      { code: 'too-large', severity: 'error', file: path, hint: expect.stringMatching(/own output folder/) },
    ]);
    expect(opened.problems[0]?.message).toMatch(/is 67,108,865 bytes; the limit is 67,108,864 bytes/);
  });

  it('writing one over the limit is refused, and the previous file stays', () => {
    const path = join(dir, 'kept.json');
    writeFileSync(path, 'previous');
    const file = { data: syntheticManifest(10, 10), tool: '1.0.0', plan: null };
    expect(() => writeManifest(path, file, { maxBytes: 10_000 })).toThrow(
      /the manifest would be .* for 100 outputs; the limit is/,
    );
    expect(readFileSync(path, 'utf8')).toBe('previous');
    writeManifest(path, file, { maxBytes: 100_000 });
    expect(readManifestStrict(path)).toEqual(file);
  });
});
