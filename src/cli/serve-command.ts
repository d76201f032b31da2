import { relative } from 'node:path';
import { formatProblem, HandoutError } from '../errors.js';
import { serveProject } from '../serve/index.js';
import type { CliIo } from './io.js';
import { watchProject } from './watch.js';

export interface ServeArgs {
  readonly root: string;
  readonly out: string | undefined;
  readonly articles: readonly string[];
  readonly clinics: readonly string[];
  readonly template: string | null;
  readonly dpi: number;
  readonly port: number;
  readonly jobs: number | undefined;
}

/** `handout serve`: build, start the preview, and rebuild on every change (watch mode) until Ctrl+C. */
export async function runServe(args: ServeArgs, io: CliIo): Promise<number> {
  let server: Awaited<ReturnType<typeof serveProject>>;
  try {
    server = await serveProject(args);
  } catch (error) {
    if (!(error instanceof HandoutError)) throw error;
    for (const p of error.problems()) io.stderr(`${formatProblem({ ...p, file: relative(io.cwd, p.file) || '.' })}\n`);
    return 1;
  }
  const { handouts } = server.state();
  const failed = handouts.filter((h) => h.status === 'failed').length;
  io.stdout(`${handouts.length} handouts${failed > 0 ? `, ${failed} not built (see the page)` : ''}\n`);
  io.stdout(`Preview at ${server.url}\n`);
  await watchProject(args.root, server.outDir, () => server.refresh(), io);
  await server.close();
  return 0;
}
