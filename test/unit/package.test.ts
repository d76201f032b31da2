import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as library from '../../src/index.js';
import { repoRoot } from '../helpers/project.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

describe('the package', () => {
  it('installs without an install-time script, and builds when it is packed', () => {
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(pkg.scripts.postinstall).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('has a licence, a repository and exports for its schemas and its package.json', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(repoRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(pkg.repository.url).toMatch(/^git\+https:\/\//);
    expect(pkg.exports).toMatchObject({
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
      './schemas/*': './schemas/*',
    });
  });

  it('ships what it needs at run time, and the sources its source maps point at', () => {
    expect(pkg.files).toEqual(
      expect.arrayContaining(['bin', 'dist', 'src', 'templates', 'fonts', 'schemas', 'scaffold']),
    );
    for (const folder of pkg.files) expect(existsSync(join(repoRoot, folder)), folder).toBe(true);
  });

  it('exports the library: a build of one handout, of a project, the check, the project model and every stage', () => {
    for (const name of [
      'buildHandout',
      'buildProject',
      'checkProject',
      'loadProject',
      'readArticle',
      'readBrand',
      'expandTemplate',
      'parseSpec',
      'layoutDocument',
      'renderPdf',
      'importArticle',
      'formatProblem',
    ])
      expect(typeof (library as Record<string, unknown>)[name], name).toBe('function');
    expect(Object.keys(library.diagnosticCodes)).toContain('glyph-missing');
  });
});
