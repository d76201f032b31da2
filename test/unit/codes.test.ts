import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../../src/codes.js';
import { repoRoot } from '../helpers/project.js';

describe('diagnostic codes', () => {
  it('the README lists every code with its meaning', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const listed = [...readme.matchAll(/^\| `([a-z-]+)` \| (.+) \|$/gm)]
      .filter(([, code]) => code !== undefined && /^[a-z]+(-[a-z]+)*$/.test(code))
      .map(([, code, meaning]) => [code, meaning]);
    const table = Object.fromEntries(listed.filter(([code]) => code && code in diagnosticCodes));
    expect(table).toEqual(diagnosticCodes);
  });
});
