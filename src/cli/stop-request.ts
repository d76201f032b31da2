import { constants } from 'node:os';

/** Signals that ask a long-running command to stop: Ctrl+C, `kill`, and the terminal closing. */
const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** How often the parent process is looked for. */
const parentCheckMs = 500;

export interface StopRequest {
  /** Resolves to what asked: a signal's name, or "parent" when the process that started this one is gone. */
  readonly requested: Promise<string>;
  /** Take the handlers away again (the command ended on its own). */
  dispose(): void;
}

/**
 * Wait for a request to stop. Besides the signals, the parent process going away counts: `npx` does not pass
 * SIGTERM on to the command it started, so when npx is stopped this process is handed to another parent
 * (init or a subreaper), and that change is noticed within a moment. A second signal ends the process at once.
 */
export function stopRequest(): StopRequest {
  const parent = process.ppid;
  let stopping = false;
  let settle: (reason: string) => void = () => undefined;
  const requested = new Promise<string>((resolve) => {
    settle = resolve;
  });
  const stop = (reason: string) => {
    if (stopping) {
      // Asked twice: whatever is still being finished is given up, with the shell's code for the signal.
      process.exit(128 + (constants.signals[reason as NodeJS.Signals] ?? 2));
    }
    stopping = true;
    clearInterval(watch);
    settle(reason);
  };
  const handlers = stopSignals.map((signal) => [signal, () => stop(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  // Started by init itself (ppid 1), there is no parent to outlive.
  const watch = setInterval(() => {
    if (parent !== 1 && process.ppid !== parent) stop('parent');
  }, parentCheckMs);
  watch.unref();
  return {
    requested,
    dispose() {
      clearInterval(watch);
      for (const [signal, handler] of handlers) process.off(signal, handler);
    },
  };
}
