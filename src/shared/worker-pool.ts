import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import { packageRoot } from './package-root.js';

/** A small pool of worker threads for one kind of task, or the calling thread alone when its size is 1. */
export interface WorkerPool<Task, Result> {
  run(task: Task): Promise<Result>;
  close(): Promise<void>;
  readonly size: number;
}

type ToWorker<Task> = { readonly type: 'task'; readonly id: number; readonly task: Task } | { readonly type: 'stop' };
interface FromWorker<Result> {
  readonly id: number;
  readonly result: Result;
}

export interface PoolSpec<Task, Result> {
  /** The worker module's folder under src/ ("proof" for src/proof/worker.ts); bundled as "<folder>-worker.mjs". */
  readonly worker: string;
  /** The same work in this thread, for a pool of one. */
  readonly inline: (task: Task) => Promise<Result>;
  /** What a task whose worker died resolves to. */
  readonly crashed: (message: string) => Result;
}

/** The bundled worker beside the bundle, else the compiled one; under the TypeScript sources (tests), dist/'s copy. */
export function workerFile(worker: string): URL {
  const candidates = [`./${worker}-worker.mjs`, `../${worker}/worker.js`].map((name) => new URL(name, import.meta.url));
  const found = candidates.find((url) => !import.meta.url.endsWith('.ts') && existsSync(url));
  return found ?? pathToFileURL(join(packageRoot, 'dist', worker, 'worker.js'));
}

export function createWorkerPool<Task, Result>(size: number, spec: PoolSpec<Task, Result>): WorkerPool<Task, Result> {
  if (size <= 1) {
    // One task at a time, so a large batch never holds every page image in memory at once.
    let tail: Promise<unknown> = Promise.resolve();
    return {
      size: 1,
      run(task) {
        const result = tail.then(() => spec.inline(task));
        tail = result.catch(() => undefined);
        return result;
      },
      close: async () => undefined,
    };
  }
  interface Slot {
    readonly worker: Worker;
    current: number | null;
  }
  const slots: Slot[] = [];
  const queue: { id: number; task: Task }[] = [];
  const pending = new Map<number, (result: Result) => void>();
  let nextId = 1;
  const settle = (id: number, result: Result) => {
    pending.get(id)?.(result);
    pending.delete(id);
  };
  const dispatch = () => {
    if (slots.length === 0) {
      for (const { id } of queue.splice(0)) settle(id, spec.crashed('no worker is left'));
      return;
    }
    for (const slot of slots) {
      if (slot.current !== null) continue;
      const next = queue.shift();
      if (!next) return;
      slot.current = next.id;
      slot.worker.postMessage({ type: 'task', id: next.id, task: next.task } satisfies ToWorker<Task>);
    }
  };
  const start = (): Slot => {
    const slot: Slot = { worker: new Worker(workerFile(spec.worker)), current: null };
    slot.worker.on('message', (message: FromWorker<Result>) => {
      slot.current = null;
      settle(message.id, message.result);
      dispatch();
    });
    slot.worker.on('error', (error) => {
      // A crashed worker fails only its own task and is replaced, so the rest of the queue goes on.
      if (slot.current !== null) settle(slot.current, spec.crashed(error.message));
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1, start());
      dispatch();
    });
    return slot;
  };
  for (let i = 0; i < size; i++) slots.push(start());
  return {
    size,
    run(task) {
      const id = nextId++;
      return new Promise<Result>((resolve) => {
        pending.set(id, resolve);
        queue.push({ id, task });
        dispatch();
      });
    },
    async close() {
      const stopping = slots.splice(0);
      await Promise.all(
        stopping.map(({ worker }) => {
          const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
          worker.postMessage({ type: 'stop' } satisfies ToWorker<Task>);
          return exited;
        }),
      );
    },
  };
}

/** The worker side: answer each task with the handler's result, until told to stop. */
export function serveTasks<Task, Result>(handle: (task: Task) => Promise<Result>): void {
  const port = parentPort;
  if (!port) throw new Error('this module runs only as a worker thread');
  port.on('message', async (message: ToWorker<Task>) => {
    if (message.type === 'stop') {
      port.close();
      return;
    }
    const result = await handle(message.task);
    port.postMessage({ id: message.id, result } satisfies FromWorker<Result>);
  });
}
