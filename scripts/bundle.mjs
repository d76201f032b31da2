// Bundles the command line and the build worker into dist/bundle/: one file each plus shared chunks that
// load only when a command needs them. Loading a few bundled files is much faster than resolving and
// reading hundreds of modules, which is most of a cold run's time. Source maps stay beside them.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// yargs measures every word of --help with string-width, which segments graphemes and runs emoji regexes:
// a third of the time `handout --help` takes. Plain ASCII is as wide as it is long; anything else goes to it.
const asciiWidth = {
  name: 'ascii-width',
  setup(bundle) {
    bundle.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await bundle.resolve('string-width', {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'real',
      });
      return { path: real.path, namespace: 'ascii-width' };
    });
    bundle.onLoad({ filter: /.*/, namespace: 'ascii-width' }, (args) => ({
      contents: `import measure from ${JSON.stringify(args.path)};
export default function stringWidth(text, options) {
  return typeof text === 'string' && /^[\x20-\x7e]*$/.test(text) ? text.length : measure(text, options);
}`,
      resolveDir: root,
    }));
  },
};
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: {
    handout: 'src/cli/index.ts',
    worker: 'src/batch/worker.ts',
    'proof-worker': 'src/proof/worker.ts',
    'diff-worker': 'src/diff/worker.ts',
    'serve-worker': 'src/serve/worker.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  // Native and very large optional parts stay in node_modules.
  external: ['@napi-rs/canvas', 'pdfjs-dist', 'pdf-parse'],
  // CommonJS dependencies call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __handoutRequire } from 'node:module'; const require = __handoutRequire(import.meta.url);",
  },
  plugins: [asciiWidth],
  logLevel: 'warning',
});

// PDFKit reads its sRGB profile (for PDF/A) beside its own code, which is now a chunk in this folder.
const require = createRequire(import.meta.url);
const pdfkitDir = dirname(require.resolve('pdfkit'));
mkdirSync(join(outdir, 'data'), { recursive: true });
copyFileSync(join(pdfkitDir, 'data', 'sRGB_IEC61966_2_1.icc'), join(outdir, 'data', 'sRGB_IEC61966_2_1.icc'));
