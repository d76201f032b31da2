import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { HandoutError } from '../../src/errors.js';
import { cli } from '../helpers/cli.js';
import { makeProject, removeProject } from '../helpers/project.js';

// As on a machine where the optional peers (pdfjs-dist, @napi-rs/canvas) were not installed.
vi.mock('../../src/shared/renderer.js', () => ({
  requireRenderer: async () => {
    throw new HandoutError({ code: 'renderer-missing', message: 'not installed', file: 'package.json' });
  },
}));

describe('handout release without pdf.js and the canvas', () => {
  it('is still made, without thumbnails and page numbers, and says so', async () => {
    const root = makeProject(
      { 'handout.config.yaml': 'builds:\n  - template: handout\n    clinics: [harbor-wellness]\n' },
      { samples: 'short' },
    );
    const result = await cli(['release', '--version', '1.0', '--jobs', '1'], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/note renderer-missing: index\.html has no thumbnails/);
    const dir = join(root, 'out/release/1.0');
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).not.toContain('<img');
    expect(html.match(/no preview/g)).toHaveLength(2);
    const record = JSON.parse(readFileSync(join(dir, 'release.json'), 'utf8'));
    expect(record.outputs.map((o: { pageText: unknown }) => o.pageText)).toEqual([null, null]);
    removeProject(root);
  }, 120_000);
});
