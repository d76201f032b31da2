import { describe, expect, it } from 'vitest';
import { changesMarkdown, releaseChanges } from '../../src/release/changes.js';
import { maskVersions, pageHash } from '../../src/release/pages.js';
import type { ReleasedOutput, ReleaseRecord } from '../../src/release/types.js';

const output = (path: string, fields: Partial<ReleasedOutput> = {}): ReleasedOutput => ({
  path,
  clinic: path.split('/')[0] as string,
  article: 'a',
  template: 'handout',
  language: 'en',
  title: 'A',
  pages: 2,
  bytes: 1,
  sha256: 'x',
  reviewed: null,
  grade: null,
  source: 's',
  pageText: ['p1', 'p2'],
  ...fields,
});
const record = (version: string, outputs: ReleasedOutput[]): ReleaseRecord => ({
  release: 1,
  version,
  date: '2026-12-01T00:00:00.000Z',
  tool: '0',
  since: null,
  outputs,
  zips: [],
});

describe('releaseChanges', () => {
  it('tells added, removed and changed outputs, and which pages changed', async () => {
    const before = record('1', [
      output('c/same.pdf'),
      output('c/words.pdf'),
      output('c/look.pdf'),
      output('c/gone.pdf'),
      output('c/unread.pdf', { pageText: null }),
    ]);
    const after = record('2', [
      output('c/same.pdf'),
      output('c/words.pdf', { source: 't', pageText: ['p1', 'p2 changed', 'p3'], pages: 3 }),
      output('c/look.pdf', { source: 't' }),
      output('c/new.pdf'),
      output('c/unread.pdf'),
    ]);
    const changes = await releaseChanges(after, new Map(), { record: before, dir: '.' }, null);
    expect(changes).toMatchObject({ since: '1', added: ['c/new.pdf'], removed: ['c/gone.pdf'], unchanged: 2 });
    expect(changes.changed.map((c) => [c.path, c.pages])).toEqual([
      ['c/words.pdf', [2, 3]],
      ['c/look.pdf', []],
    ]);
    const markdown = changesMarkdown(changes);
    expect(markdown).toMatch(/Since 1: 1 added, 1 removed, 2 changed, 2 unchanged\./);
    expect(markdown).toContain('- c/words.pdf: pages 2, 3; 2 → 3 pages');
    expect(markdown).toContain('- c/look.pdf: same words, other look');
  });

  it('counts a first release as all added', async () => {
    const changes = await releaseChanges(record('1', [output('c/a.pdf')]), new Map(), null, null);
    expect(changes).toMatchObject({ since: null, added: ['c/a.pdf'], changed: [], unchanged: 0 });
    expect(changesMarkdown(changes)).toMatch(/First release/);
  });
});

describe('the stamp is masked', () => {
  it('so a page that differs only by its version hashes the same', () => {
    const v1 = maskVersions(['Edition', '2026.12', '·', 'Page', '1'], ['2026.12']);
    const v2 = maskVersions(['Edition', '2027.01', '·', 'Page', '1'], ['2027.01']);
    expect(pageHash(v1)).toBe(pageHash(v2));
    expect(pageHash(v1)).not.toBe(pageHash(maskVersions(['Edition', '2027.01', '·', 'Page', '2'], ['2027.01'])));
  });
});
