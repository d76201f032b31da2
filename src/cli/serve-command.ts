import { relative } from 'node:path';
import { formatProblem, HandoutError } from '../errors.js';
import { type PreviewServer, serveProject } from '../serve/index.js';
import type { CliIo } from './io.js';
import type { ProjectSelection } from './options.js';
import { stopRequest } from './stop-request.js';
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

/**
 * `handout serve`: listen at once, build and draw in the background, and rebuild on every change (watch
 * mode) until Ctrl+C, SIGTERM, SIGHUP or the end of the process that started it (npx).
 */
export async function runServe(args: ServeArgs, io: CliIo): Promise<number> {
  const stop = stopRequest();
  let server: PreviewServer;
  try {
    server = await serveProject(args);
  } catch (error) {
    stop.dispose();
    if (!(error instanceof HandoutError)) throw error;
    for (const p of error.problems()) io.stderr(`${formatProblem({ ...p, file: relative(io.cwd, p.file) || '.' })}\n`);
    return 1;
  }
  io.stdout(`Preview at ${server.url} (building in the background; the page shows how far it got)\n`);
  let stopped = false;
  void server.ready().then(() => {
    if (!stopped) io.stdout(`${summary(server)}\n`);
  });
  const refresh = async () => {
    const changed = await server.refresh();
    if (stopped) return;
    io.stdout(`updated ${changed.length} ${changed.length === 1 ? 'handout' : 'handouts'}; ${summary(server)}\n`);
  };
  const requested = stop.requested.then((reason) => {
    stopped = true;
    // With its parent gone, nobody may be reading the output any more.
    if (reason !== 'parent') io.stdout(`stopping the preview (${reason})\n`);
  });
  // Closed as soon as asked, so a rebuild under way stops too instead of being waited for.
  const closed = requested.then(() => server.close());
  try {
    await watchProject(args.root, server.outDir, refresh, io, { config: args.config, stop: requested });
    await closed;
  } finally {
    stop.dispose();
  }
  return 0;
}
