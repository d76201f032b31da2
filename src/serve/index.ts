import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { buildProject } from '../batch/index.js';
import { manifestName, readManifest } from '../batch/manifest.js';
import { createPool } from '../batch/pool.js';
import { checkProject } from '../check/index.js';
import { dedupeProblems, HandoutError, type Problem, problemsOf } from '../errors.js';
import { proofOutputs } from '../proof/index.js';
import { createProofPool } from '../proof/pool.js';
import { EventHub } from './events.js';
import { plannedOutputs } from './plan.js';
import { route } from './routes.js';
import { previewState } from './state.js';
import type { HandoutFiles, PreviewServer, PreviewState, ServeOptions } from './types.js';

export type { PreviewHandout, PreviewProblem, PreviewServer, PreviewState, ServeOptions } from './types.js';

/**
 * A preview of the project on 127.0.0.1: a gallery of every planned handout and a page per handout with its
 * pages, problems and facts. `refresh()` rebuilds what changed and pushes the news to open pages (server-sent events).
 */
export async function serveProject(options: ServeOptions): Promise<PreviewServer> {
  const root = resolve(options.root);
  const selection = {
    articles: options.articles ?? [],
    clinics: options.clinics ?? [],
    template: options.template ?? null,
  };
  const jobs = options.jobs ?? 2;
  const buildPool = createPool(jobs);
  const proofPool = createProofPool(jobs);
  const hub = new EventHub();
  let current: { state: PreviewState; files: Map<string, HandoutFiles> } = {
    state: { version: 0, handouts: [], problems: [] },
    files: new Map(),
  };
  let outDir = resolve(options.out ?? join(root, 'out'));

  const rebuild = async () => {
    hub.send('status', { building: true });
    const problems: Problem[] = [];
    let next = current;
    try {
      const build = await buildProject({
        root,
        config: options.config,
        out: options.out,
        ...selection,
        pool: buildPool,
      });
      outDir = build.outDir;
      const proofs = await proofOutputs({ outDir, ...selection, dpi: options.dpi, sheets: false, pool: proofPool });
      const check = checkProject({ root, config: options.config, ...selection });
      problems.push(...build.errors, ...build.warnings, ...proofs.errors, ...check.problems);
      next = previewState({
        root,
        planned: plannedOutputs(root, selection, options.config),
        manifest: readManifest(join(outDir, manifestName)).outputs,
        outDir,
        proofs: proofs.outputs,
        problems: dedupeProblems(problems),
        readability: check.readability,
        version: current.state.version + 1,
      });
    } catch (error) {
      // The preview outlives any failure: it is shown as a project problem and the next change tries again.
      next = previewState({
        root,
        planned: [],
        manifest: {},
        outDir,
        proofs: [],
        problems: problemsOf(error, root),
        readability: [],
        version: current.state.version + 1,
      });
    }
    const changed = changedKeys(current.state, next.state);
    const projectChanged = JSON.stringify(current.state.problems) !== JSON.stringify(next.state.problems);
    current = next;
    hub.send('update', { version: next.state.version, changed, project: projectChanged });
    return changed;
  };
  let queue: Promise<unknown> = Promise.resolve();
  const refresh = () => {
    const done = queue.then(rebuild);
    queue = done.catch(() => undefined);
    return done;
  };
  await refresh();

  const port = options.port ?? 4310;
  const hosts: string[] = [];
  const server = createServer((request, response) => {
    route(request, response, { state: () => current.state, files: () => current.files, hub, hosts }).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end('The preview failed to answer this request.');
    });
  });
  let bound: number;
  try {
    bound = await listen(server, port);
  } catch (error) {
    hub.close();
    await Promise.all([buildPool.close(), proofPool.close()]);
    throw error;
  }
  hosts.push(`127.0.0.1:${bound}`, `localhost:${bound}`);
  return {
    url: `http://127.0.0.1:${bound}/`,
    port: bound,
    get outDir() {
      return outDir;
    },
    state: () => current.state,
    refresh,
    async close() {
      hub.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await queue;
      await Promise.all([buildPool.close(), proofPool.close()]);
    },
  };
}

/** Handouts whose page would look different, or that came or went. */
function changedKeys(before: PreviewState, after: PreviewState): string[] {
  const old = new Map(before.handouts.map((h) => [h.key, h.version]));
  const keys = new Set(after.handouts.map((h) => h.key));
  return [
    ...after.handouts.filter((h) => old.get(h.key) !== h.version).map((h) => h.key),
    ...before.handouts.filter((h) => !keys.has(h.key)).map((h) => h.key),
  ];
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') return reject(error);
      reject(
        new HandoutError({
          code: 'port-in-use',
          message: `cannot listen on 127.0.0.1:${port}: ${error.code === 'EACCES' ? 'not allowed' : 'the port is in use'}`,
          file: '.',
          hint: 'Choose another port with --port N, or --port 0 for any free one.',
        }),
      );
    });
    server.listen(port, '127.0.0.1', () => resolvePort((server.address() as AddressInfo).port));
  });
}
