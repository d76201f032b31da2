import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { limits } from './limits.js';
import { packageRoot } from './package-root.js';

/** What one task may cost before its worker is stopped: the build's handouts and every PDF drawn share it. */
export interface Budget {
  /** Seconds one task may take. */
  readonly seconds: number;
  /** Heap one worker may use, in MB. */
  readonly heapMb: number;
}

/** Why a task's worker was stopped or died: the task fails with this placed error, the queue goes on. */
export interface Stopped {
  readonly code: 'handout-timeout' | 'handout-memory' | 'worker-crashed';
  readonly message: string;
}

/** A pool of worker processes for one kind of task, each task under the budget; or the calling thread alone. */
export interface WorkerPool<Task, Result> {
  run(task: Task): Promise<Result>;
  /** Settle every task not yet started with `result` (the caller reports why). */
  abort(result: Result): void;
  /** Stop the workers; resolves to each worker's peak heap in bytes. */
  close(): Promise<number[]>;
  readonly size: number;
}

export interface PoolSpec<Task, Result> {
  /** The worker module's folder under src/ ("proof" for src/proof/worker.ts); bundled as "<folder>-worker.mjs". */
  readonly worker: string;
  /** The same work in this thread, for a pool of one without a budget. */
  readonly inline: (task: Task) => Promise<Result>;
  /** What a task does, for messages: "building this handout", "drawing this PDF". */
  readonly doing: string;
  /** What a task whose worker was stopped or died resolves to. */
  readonly stopped: (task: Task, why: Stopped) => Result;
  /** Without one, a pool of one works in the calling thread; with one, every task runs in a worker under it. */
  readonly budget?: Budget | undefined;
  /** Tasks of one key go to the worker that ran that key last, whose caches hold it. */
  readonly affinity?: (task: Task) => string | null;
}

type ToWorker<Task> = { readonly type: 'task'; readonly id: number; readonly task: Task } | { readonly type: 'stop' };
type FromWorker<Result> =
  | { readonly type: 'done'; readonly id: number; readonly result: Result }
  | { readonly type: 'memory'; readonly peakHeapBytes: number };

/** The bundled worker beside the bundle, else the compiled one; under the TypeScript sources (tests), dist/'s copy. */
export function workerFile(worker: string): URL {
  const candidates = [`./${worker}-worker.mjs`, `../${worker}/worker.js`].map((name) => new URL(name, import.meta.url));
  const found = candidates.find((url) => !import.meta.url.endsWith('.ts') && existsSync(url));
  return found ?? pathToFileURL(join(packageRoot, 'dist', worker, 'worker.js'));
}

export function createWorkerPool<Task, Result>(size: number, spec: PoolSpec<Task, Result>): WorkerPool<Task, Result> {
  if (size <= 1 && !spec.budget) return inlinePool(spec);
  const budget = spec.budget;
  interface Slot {
    readonly child: ChildProcess;
    current: { readonly id: number; readonly task: Task } | null;
    timer: NodeJS.Timeout | undefined;
    /** The affinity key of the last task it ran. */
    key: string | null;
    /** It was given a task. */
    started: boolean;
  }
  const slots = new Set<Slot>();
  const queue: { id: number; task: Task }[] = [];
  const pending = new Map<number, (result: Result) => void>();
  const keyOf = (task: Task) => spec.affinity?.(task) ?? null;
  let nextId = 1;
  let closing = false;
  let deadStarts = 0;

  const settle = (id: number, result: Result) => {
    pending.get(id)?.(result);
    pending.delete(id);
  };
  /** The next task for a free worker: one of the key it ran last, else a key no other worker is on, else the oldest. */
  const takeFor = (slot: Slot) => {
    let index = 0;
    if (spec.affinity) {
      const others = new Set([...slots].filter((s) => s !== slot).map((s) => s.key));
      index = queue.findIndex((q) => keyOf(q.task) === slot.key);
      if (index < 0)
        index = Math.max(
          0,
          queue.findIndex((q) => !others.has(keyOf(q.task))),
        );
    }
    const [next] = queue.splice(index, 1);
    if (next) slot.key = keyOf(next.task);
    return next;
  };
  const dispatch = () => {
    if (slots.size === 0) {
      const why: Stopped = { code: 'worker-crashed', message: `no worker ${spec.doing} could be started` };
      for (const { id, task } of queue.splice(0)) settle(id, spec.stopped(task, why));
    }
    for (const slot of slots) {
      if (slot.current !== null) continue;
      const next = takeFor(slot);
      if (!next) return;
      slot.current = next;
      slot.started = true;
      // A runaway task (a pathological input the checks did not catch) costs its own time, never the run's.
      if (budget) slot.timer = watch(slot, budget);
      slot.child.send({ type: 'task', id: next.id, task: next.task } satisfies ToWorker<Task>);
    }
  };
  /** Over time, or over memory in all (the heap limit does not see decoded images, canvases or buffers): stopped. */
  const watch = (slot: Slot, { seconds, heapMb }: Budget) => {
    const deadline = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      if (Date.now() >= deadline)
        stop(slot, { code: 'handout-timeout', message: `${spec.doing} took more than ${seconds} s; it was stopped` });
      else if (residentMb(slot.child.pid) > heapMb + limits.workerNativeMb) stop(slot, overMemory(heapMb));
    }, memoryPollMs);
    timer.unref();
    return timer;
  };
  const overMemory = (heapMb: number): Stopped => ({
    code: 'handout-memory',
    message: `${spec.doing} needed more than ${heapMb} MB of memory (${heapMb + limits.workerNativeMb} MB in all); it was stopped`,
  });
  /** The worker is ended and replaced; its task fails with the reason, the queue goes on. */
  const stop = (slot: Slot, why: Stopped) => {
    if (!slots.delete(slot)) return;
    clearInterval(slot.timer);
    slot.child.kill('SIGKILL');
    if (slot.current) settle(slot.current.id, spec.stopped(slot.current.task, why));
    // A worker that dies before its first task (a missing or broken worker file) is not started again and again.
    else if (!slot.started) deadStarts++;
    if (!closing && deadStarts < 3) slots.add(start());
    dispatch();
  };
  const start = (): Slot => {
    // A process per worker: V8 may abort the whole process when a heap fills while buffers are allocated, and
    // only a process of its own keeps that (and any crash of the canvas library) from taking the run down.
    const child = fork(fileURLToPath(workerFile(spec.worker)), [], {
      execArgv: budget ? [`--max-old-space-size=${budget.heapMb}`] : [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const slot: Slot = { child, current: null, timer: undefined, key: null, started: false };
    living.add(child);
    if (child.pid !== undefined) announce?.(child.pid);
    child.once('exit', () => living.delete(child));
    let crashing = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      // What a template logs is passed on; V8's report of its own crash is not (the crash is a placed error).
      crashing ||= /<--- Last few GCs --->|FATAL ERROR|^#\s/m.test(chunk.toString('latin1'));
      if (!crashing) process.stderr.write(chunk);
    });
    child.on('message', (message: FromWorker<Result>) => {
      if (message.type !== 'done') return;
      clearInterval(slot.timer);
      slot.current = null;
      settle(message.id, message.result);
      dispatch();
    });
    child.on('error', (error) =>
      stop(slot, { code: 'worker-crashed', message: `the worker ${spec.doing} failed: ${error.message}` }),
    );
    child.on('exit', (code, signal) => {
      // V8 aborts (SIGABRT, exit 134) when the heap limit is reached.
      const memory = budget && (signal === 'SIGABRT' || code === 134);
      stop(
        slot,
        memory
          ? overMemory(budget.heapMb)
          : { code: 'worker-crashed', message: `the worker ${spec.doing} exited unexpectedly` },
      );
    });
    return slot;
  };
  for (let i = 0; i < Math.max(1, size); i++) slots.add(start());
  return {
    size: Math.max(1, size),
    run(task) {
      const id = nextId++;
      return new Promise<Result>((resolve) => {
        pending.set(id, resolve);
        queue.push({ id, task });
        dispatch();
      });
    },
    abort(result) {
      for (const { id } of queue.splice(0)) settle(id, result);
    },
    async close() {
      closing = true;
      const stopping = [...slots].map(
        (slot) =>
          new Promise<number>((resolve) => {
            slots.delete(slot);
            let peak = 0;
            slot.child.on('message', (message: FromWorker<Result>) => {
              if (message.type === 'memory') peak = message.peakHeapBytes;
            });
            slot.child.once('exit', () => resolve(peak));
            slot.child.send({ type: 'stop' } satisfies ToWorker<Task>);
          }),
      );
      return Promise.all(stopping);
    },
  };
}

/** Every worker process started here: ended with this process (or thread), never left running on their own. */
const living = new Set<ChildProcess>();
process.once('exit', () => endWorkers());

/** End every worker process this thread started, busy or not (a stopping preview that cannot wait longer). */
export function endWorkers(): void {
  for (const child of living) child.kill('SIGKILL');
}

let announce: ((pid: number) => void) | null = null;

/** Tell `listener` of every worker process this thread starts (a thread that may be cut off tells its parent). */
export function announceWorkers(listener: (pid: number) => void): void {
  announce = listener;
}

/** End worker processes another thread of this process started and left behind (it was cut off). */
export function endOrphans(pids: Iterable<number>): void {
  for (const pid of pids) {
    try {
      // Only a child of this process: a process id that ended may have been given to another process since.
      const status = readFileSync(`/proc/${pid}/status`, 'latin1');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) === process.pid) process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already, or no /proc to be sure by: left alone.
    }
  }
}

/** How often a busy worker's memory and time are looked at. */
const memoryPollMs = 100;

/** A process's resident memory in MB, from /proc (Linux); 0 where that is not there (the heap limit still holds). */
function residentMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** One task at a time in this thread: started together, every document would be held in memory at once. */
function inlinePool<Task, Result>(spec: PoolSpec<Task, Result>): WorkerPool<Task, Result> {
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let abortedBefore = 0;
  let skipped: Result | undefined;
  return {
    size: 1,
    run(task) {
      const number = queued++;
      const result = tail.then(async () => {
        // A turn of the event loop between tasks: Ctrl+C, timers and the progress bar are served.
        await new Promise(setImmediate);
        return number < abortedBefore ? (skipped as Result) : spec.inline(task);
      });
      tail = result.catch(() => undefined);
      return result;
    },
    abort(result) {
      abortedBefore = queued;
      skipped = result;
    },
    close: async () => [],
  };
}

/** The worker side: answer each task with the handler's result, until told to stop (then report the peak heap). */
export function serveTasks<Task, Result>(handle: (task: Task) => Promise<Result>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('this module runs only as a worker process');
  let peakHeapBytes = 0;
  // The parent gone (killed, crashed), there is no one to answer: the worker goes too.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (message: ToWorker<Task>) => {
    if (message.type === 'stop') {
      send({ type: 'memory', peakHeapBytes } satisfies FromWorker<Result>, undefined, {}, () => process.disconnect());
      return;
    }
    const result = await handle(message.task);
    peakHeapBytes = Math.max(peakHeapBytes, getHeapStatistics().used_heap_size);
    send({ type: 'done', id: message.id, result } satisfies FromWorker<Result>);
  });
}
