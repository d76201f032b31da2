import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { HandoutError } from '../errors.js';
import { packageRoot } from './package-root.js';

/** The commands that draw pages; the name a message gives them. */
export type DrawingCommand = 'proof' | 'diff' | 'serve' | 'release';

/**
 * What proof, diff and serve draw pages with: optional peers, so installing for build and check pulls neither.
 * pdf.js is plain JavaScript, so finding it is enough (loading it costs this thread a few hundred ms that
 * workers may spend instead); the canvas is loaded, since a native binary missing for this platform shows only then.
 */
const rendererModules = [
  { name: 'pdfjs-dist', load: async () => createRequire(import.meta.url).resolve('pdfjs-dist/package.json') },
  { name: '@napi-rs/canvas', load: () => import('@napi-rs/canvas') },
] as const;

/**
 * Find pdf.js and load the canvas before a command that draws starts any work, or say how to install them:
 * a placed error on the project's package.json (where the install writes them), never a stack trace.
 */
export async function requireRenderer(command: DrawingCommand, from: string): Promise<void> {
  const missing: string[] = [];
  const broken: string[] = [];
  for (const module of rendererModules) {
    try {
      await module.load();
    } catch (error) {
      if (notInstalled(error, module.name)) missing.push(module.name);
      else broken.push(`${module.name}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    }
  }
  if (missing.length === 0 && broken.length === 0) return;
  throw new HandoutError({
    code: 'renderer-missing',
    file: projectManifest(from),
    message:
      missing.length > 0
        ? `handout ${command} draws pages with ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed`
        : `handout ${command} cannot load what it draws pages with (${broken.join('; ')})`,
    hint: `They are optional, so that build and check install without them; run: ${installCommand()}`,
  });
}

/** The package itself is absent (not a file inside it, nor its platform's binary, `@napi-rs/canvas-linux-…`). */
export function notInstalled(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    error instanceof Error &&
    (error.message.includes(`'${name}'`) || error.message.includes(`'${name}/`))
  );
}

/** The command that installs the optional peers, at the versions this package was made with. */
export function installCommand(): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    peerDependencies?: Record<string, string>;
  };
  const peers = Object.entries(manifest.peerDependencies ?? {}).map(([name, range]) => `${name}@${range}`);
  return `npm install --save-dev ${peers.join(' ')}`;
}

/** The package.json at or above the folder the command ran in, else that folder. */
function projectManifest(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return manifest;
    if (dirname(dir) === dir) return resolve(from);
  }
}
