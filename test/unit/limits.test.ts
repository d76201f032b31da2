import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfined } from '../../src/shared/confined-read.js';
import { sizeOverLimit } from '../../src/shared/limits.js';
import { makeProject, removeProject } from '../helpers/project.js';

describe('a size over its limit, as a person reads it', () => {
  it('kilobytes under a megabyte, megabytes above, exact bytes when rounding would make them look equal', () => {
    expect(sizeOverLimit(300 * 1024 + 1, 256 * 1024)).toEqual({ size: '301 KB', limit: '256 KB' });
    expect(sizeOverLimit(3 * 1024 * 1024, 2 * 1024 * 1024)).toEqual({ size: '3 MB', limit: '2 MB' });
    expect(sizeOverLimit(2_097_488, 2_097_152)).toEqual({ size: '2,097,488 bytes', limit: '2,097,152 bytes' });
  });

  it('an article 336 bytes over 2 MB is not "2 MB; the limit is 2 MB"', () => {
    const root = makeProject({}, { samples: false });
    const file = join(root, 'big.md');
    writeFileSync(file, 'a'.repeat(2_097_488));
    expect(() => readConfined(file, { roots: [root], what: 'article', maxBytes: 2_097_152 })).toThrow(
      'article is 2,097,488 bytes; the limit is 2,097,152 bytes',
    );
    removeProject(root);
  });
});
