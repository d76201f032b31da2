import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as library from '../../src/index.js';
import { installCommand, notInstalled, requireRenderer } from '../../src/shared/renderer.js';
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
      '.': { types: './dist/index.d.ts', default: './dist/bundle/index.mjs' },
      './package.json': './package.json',
      './schemas/*': './schemas/*',
    });
  });

  it('ships what it needs at run time, and the sources its source maps point at', () => {
    expect(pkg.files).toEqual(
      expect.arrayContaining([
        'bin',
        'dist/bundle',
        'dist/**/*.d.ts',
        'src',
        'templates',
        'fonts',
        'schemas',
        'scaffold',
      ]),
    );
    for (const folder of pkg.files.filter((f: string) => !f.includes('*')))
      expect(existsSync(join(repoRoot, folder)), folder).toBe(true);
  });

  it('makes pdf.js and the canvas optional peers, which this repository installs to test proof, diff and serve', async () => {
    const drawing = ['@napi-rs/canvas', 'pdfjs-dist'];
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(drawing);
    for (const name of drawing) {
      expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
      expect(pkg.devDependencies[name]).toBe(pkg.peerDependencies[name]);
      expect(pkg.dependencies[name]).toBeUndefined();
    }
    await expect(requireRenderer('proof', repoRoot)).resolves.toBeUndefined();
    // The canvas installed without its platform's binary is broken, not missing: the message says what failed.
    const missing = (message: string, code: string) => Object.assign(new Error(message), { code });
    expect(
      notInstalled(
        missing("Cannot find package '@napi-rs/canvas' imported from x.mjs", 'ERR_MODULE_NOT_FOUND'),
        '@napi-rs/canvas',
      ),
    ).toBe(true);
    expect(
      notInstalled(missing("Cannot find module 'pdfjs-dist/package.json'", 'MODULE_NOT_FOUND'), 'pdfjs-dist'),
    ).toBe(true);
    expect(
      notInstalled(
        missing("Cannot find module '@napi-rs/canvas-linux-x64-gnu'", 'MODULE_NOT_FOUND'),
        '@napi-rs/canvas',
      ),
    ).toBe(false);
    expect(installCommand()).toBe(
      `npm install --save-dev @napi-rs/canvas@${pkg.peerDependencies['@napi-rs/canvas']} pdfjs-dist@${pkg.peerDependencies['pdfjs-dist']}`,
    );
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
