import { relative } from 'node:path';
import { formatProblem, HandoutError } from '../errors.js';
import { type PreviewServer, serveProject } from '../serve/index.js';
import type { CliIo } from './io.js';
import type { ProjectSelection } from './options.js';
import { watchProject } from './watch.js';

export interface ServeArgs extends ProjectSelection {
  readonly dpi: number;
  readonly port: number;
  readonly jobs: number | undefined;
}

function summary(server: PreviewServer): string {
  const { handouts, problems } = server.state();
  const failed = handouts.filter((h) => h.status === 'failed').length;
  const parts = [`${handouts.length} handouts`];
  if (failed > 0) parts.push(`${failed} not built`);
  if (problems.length > 0) parts.push(`${problems.length} project ${problems.length === 1 ? 'problem' : 'problems'}`);
  return `${parts.join(', ')}${failed + problems.length > 0 ? ' (see the preview)' : ''}`;
}

/** `handout serve`: build, start the preview, and rebuild on every change (watch mode) until Ctrl+C. */
export async function runServe(args: ServeArgs, io: CliIo): Promise<number> {
  let server: PreviewServer;
  try {
    server = await serveProject(args);
  } catch (error) {
    if (!(error instanceof HandoutError)) throw error;
    for (const p of error.problems()) io.stderr(`${formatProblem({ ...p, file: relative(io.cwd, p.file) || '.' })}\n`);
    return 1;
  }
  io.stdout(`${summary(server)}\nPreview at ${server.url}\n`);
  const refresh = async () => {
    const changed = await server.refresh();
    io.stdout(`updated ${changed.length} ${changed.length === 1 ? 'handout' : 'handouts'}; ${summary(server)}\n`);
  };
  await watchProject(args.root, server.outDir, refresh, io, { config: args.config });
  await server.close();
  return 0;
}
