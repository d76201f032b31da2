// Bundles the library, the command line and the workers into dist/bundle/: one file each plus shared chunks
// that load only when a command needs them. Loading a few bundled files is much faster than resolving and
// reading hundreds of modules, which is most of a cold run's time. The published package runs only this
// bundle, so what it bundles is a development dependency and never installed twice; what it leaves out
// (`external` below) is a dependency or an optional peer, loaded from node_modules.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// yargs measures every word of --help with string-width, which segments graphemes and runs emoji regexes:
// a third of the time `handout --help` takes. Plain ASCII is as wide as it is long; anything else goes to it.
// Only ES imports are wrapped: a require() of it (cli-progress) expects the function itself, not a module.
const asciiWidth = {
  name: 'ascii-width',
  setup(bundle) {
    bundle.onResolve({ filter: /^string-width$/ }, async (args) => {
      // Only ESM imports (yargs): a require() (cli-progress's string-width 4) expects the function itself.
      if (args.pluginData === 'real' || args.kind !== 'import-statement') return undefined;
      const real = await bundle.resolve('string-width', {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'real',
      });
      // Relative, so the bundle names no folder of the machine it was built on.
      return { path: relative(root, real.path).split(sep).join('/'), namespace: 'ascii-width' };
    });
    bundle.onLoad({ filter: /.*/, namespace: 'ascii-width' }, (args) => ({
      contents: `import measure from ${JSON.stringify(`./${args.path}`)};
export default function stringWidth(text, options) {
  return typeof text === 'string' && /^[\x20-\x7e]*$/.test(text) ? text.length : measure(text, options);
}`,
      resolveDir: root,
    }));
  },
};
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: {
    index: 'src/index.ts',
    handout: 'src/cli/index.ts',
    'batch-worker': 'src/batch/worker.ts',
    'proof-worker': 'src/proof/worker.ts',
    'diff-worker': 'src/diff/worker.ts',
    'check-worker': 'src/check/worker.ts',
    'serve-worker': 'src/serve/worker.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Maps name each source by a relative path; ours ship in src/, so they need not carry a copy.
  sourcemap: 'linked',
  sourcesContent: false,
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  // Dependencies (their types are in the published declarations, or they are loaded by a computed name)
  // and the optional peers that only proof, diff and serve load.
  external: [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})],
  // CommonJS dependencies call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __handoutRequire } from 'node:module'; const require = __handoutRequire(import.meta.url);",
  },
  plugins: [asciiWidth],
  metafile: true,
  logLevel: 'warning',
});

// PDFKit reads its sRGB profile (for PDF/A) beside its own code, which is now a chunk in this folder.
const require = createRequire(import.meta.url);
const pdfkitDir = dirname(require.resolve('pdfkit'));
mkdirSync(join(outdir, 'data'), { recursive: true });
copyFileSync(join(pdfkitDir, 'data', 'sRGB_IEC61966_2_1.icc'), join(outdir, 'data', 'sRGB_IEC61966_2_1.icc'));

writeFileSync(join(outdir, 'THIRD-PARTY-LICENSES.txt'), thirdPartyLicenses(result.metafile));

/** The licence of every package whose code is in the bundle, as its licence asks to be kept with copies. */
function thirdPartyLicenses(metafile) {
  const folders = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(?:[\w-]+:)?(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) folders.add(match[1]);
  }
  const sections = [...folders].sort().map((folder) => {
    const manifest = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8'));
    return `${manifest.name} ${manifest.version} (${manifest.license ?? 'see its package'})\n\n${licenceText(join(root, folder))}`;
  });
  return `Handout Press bundles code of these packages. Their licences follow.\n\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}

function licenceText(folder) {
  for (const name of ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'license.md', 'LICENCE', 'LICENSE-MIT']) {
    try {
      return readFileSync(join(folder, name), 'utf8').trim();
    } catch {
      // Not under this name; try the next.
    }
  }
  return '(no licence file in the package; its package.json names the licence above)';
}
