import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { HandoutError } from '../errors.js';
import { loadProject } from '../project/index.js';
import { EventHub } from './events.js';
import { progressText } from './pages.js';
import type { Shown } from './round.js';
import { startRoundThread, stopGraceMs } from './rounds.js';
import { route } from './routes.js';
import type { PreviewProgress, PreviewServer, PreviewState, ServeOptions } from './types.js';

export type {
  PreviewHandout,
  PreviewProblem,
  PreviewProgress,
  PreviewServer,
  PreviewState,
  ServeOptions,
} from './types.js';

/** Progress counts reach open pages at most this often (the phases themselves at once). */
const progressEveryMs = 200;

/**
 * A preview of the project on 127.0.0.1: a gallery of every planned handout and a page per handout with its
 * pages, problems and facts. It listens first (a busy port fails before any work), then plans, builds, draws
 * and checks in a thread of its own while the pages show how far it got; this thread only answers. `refresh()` rebuilds what changed and
 * pushes the news to open pages (server-sent events).
 */
export async function serveProject(options: ServeOptions): Promise<PreviewServer> {
  const root = resolve(options.root);
  const hub = new EventHub();
  let shown: Shown = { state: { version: 0, handouts: [], problems: [] }, files: new Map() };
  let progress: PreviewProgress | null = { phase: 'planning', done: 0, total: 0 };
  const hosts: string[] = [];
  const server = createServer((request, response) => {
    const context = {
      state: () => shown.state,
      files: () => shown.files,
      outDir: () => outDir,
      progress: () => progress,
      hub,
      hosts,
    };
    route(request, response, context).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end('The preview failed to answer this request.');
    });
  });
  const stopServer = () => {
    hub.close();
    server.closeAllConnections();
    return new Promise<void>((done) => server.close(() => done()));
  };
  let bound: number;
  try {
    bound = await listen(server, options.port ?? 4310);
  } catch (error) {
    hub.close();
    throw error;
  }
  hosts.push(`127.0.0.1:${bound}`, `localhost:${bound}`);
  // Not a project (or a --config that is not there): nothing to preview, said at once.
  let outDir: string;
  try {
    outDir = loadProject({ root, config: options.config, out: options.out }).outDir;
  } catch (error) {
    await stopServer();
    throw error;
  }

  const rounds = startRoundThread();
  let sentAt = 0;
  const setProgress = (next: PreviewProgress | null) => {
    const phaseChanged = next?.phase !== progress?.phase;
    progress = next;
    const now = Date.now();
    if (!phaseChanged && next !== null && next.done < next.total && now - sentAt < progressEveryMs) return;
    sentAt = now;
    hub.send('progress', next && { ...next, text: progressText(next) });
  };
  const show = (next: Shown) => {
    const changed = changedKeys(shown.state, next.state);
    const projectChanged = JSON.stringify(shown.state.problems) !== JSON.stringify(next.state.problems);
    shown = next;
    hub.send('update', { version: next.state.version, changed, project: projectChanged });
    return changed;
  };
  // States are numbered here, in the order they are shown.
  const numbered = (next: Shown): Shown => ({ ...next, state: { ...next.state, version: shown.state.version + 1 } });
  const rebuild = async (): Promise<readonly string[]> => {
    const round = await rounds.run(options, outDir, {
      onProgress: setProgress,
      // Only the first round shows its work as it goes: later ones keep the last pages until the round is done.
      onPartial: shown.state.version === 0 ? (partial) => show(numbered(partial)) : undefined,
    });
    if (!round) return [];
    outDir = round.outDir;
    // Idle first, so a page that hears of the update says what changed rather than how far the work got.
    setProgress(null);
    return show(numbered(round.shown));
  };
  let queue: Promise<unknown> = Promise.resolve();
  const refresh = () => {
    const done = queue.then(rebuild);
    queue = done.catch(() => undefined);
    return done;
  };
  void refresh();

  return {
    url: `http://127.0.0.1:${bound}/`,
    port: bound,
    get outDir() {
      return outDir;
    },
    state: () => shown.state,
    progress: () => progress,
    ready: async () => {
      await queue;
    },
    refresh,
    async close() {
      await stopServer();
      await rounds.close(stopGraceMs);
      await queue;
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
