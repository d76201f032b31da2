import { relative } from 'node:path';
import cliProgress from 'cli-progress';
import type { BuildEvent } from '../batch/types.js';
import type { CliIo } from './io.js';

export interface Reporter {
  readonly onEvent: (event: BuildEvent) => void;
  readonly finish: () => void;
}

/** A progress bar on a terminal; plain lines without control characters in CI or when piped. */
export function createReporter(io: CliIo, options: { quiet: boolean; json: boolean }): Reporter {
  const reporter = progressReporter(io, options);
  return {
    onEvent(event) {
      // Waiting for another build is said on stderr in every mode: otherwise the command would seem to hang.
      if (event.type === 'waiting')
        io.stderr(
          `waiting for another build (process ${event.pid}) writing to ${relative(io.cwd, event.outDir) || '.'}\n`,
        );
      else reporter.onEvent(event);
    },
    finish: reporter.finish,
  };
}

function progressReporter(io: CliIo, options: { quiet: boolean; json: boolean }): Reporter {
  if (options.json) return { onEvent: () => {}, finish: () => {} };
  if (io.interactive && !options.quiet) {
    const bar = new cliProgress.SingleBar(
      {
        format: `{bar} {value}/{total} handouts | {rate}/s | ETA {eta_formatted}`,
        hideCursor: true,
        // Our own handler restores the terminal and still ends the process; the library's would only stop the bar.
        gracefulExit: false,
        clearOnComplete: true,
        stream: process.stderr,
      },
      io.color ? cliProgress.Presets.shades_classic : cliProgress.Presets.legacy,
    );
    const started = performance.now();
    let done = 0;
    const rate = () => (done / Math.max(0.001, (performance.now() - started) / 1000)).toFixed(1);
    let release = () => {};
    const stop = () => {
      release();
      bar.stop();
    };
    return {
      onEvent(event) {
        if (event.type === 'start') {
          if (event.toBuild > 0) {
            // Ready to give the terminal back before the bar takes it: Ctrl+C can come at any moment.
            release = restoreTerminalOnExit(stop);
            bar.start(event.toBuild, 0, { rate: '0.0' });
          }
          return;
        }
        // Problems are listed together under the summary when the bar is gone.
        done++;
        bar.update(done, { rate: rate() });
      },
      finish: stop,
    };
  }
  return {
    onEvent(event) {
      if (options.quiet) return;
      if (event.type === 'start') {
        // Outputs whose article or clinic is broken are counted too, so the numbers add up to the plan.
        const blocked = event.total - event.toBuild - event.upToDate;
        io.stdout(
          `${event.toBuild} to build, ${event.upToDate} up to date${blocked > 0 ? `, ${blocked} with broken inputs` : ''}\n`,
        );
      } else if (event.type === 'built') {
        const { handout } = event;
        io.stdout(
          `built ${relative(io.cwd, handout.path)} (${handout.pages} page${handout.pages === 1 ? '' : 's'}, ${Math.round(handout.bytes / 1024)} KB)\n`,
        );
      }
    },
    finish: () => {},
  };
}

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * The bar hides the cursor and turns line wrap off: give the terminal back on Ctrl+C, SIGTERM or exit too.
 * After restoring, a signal that nothing else handles (watch mode handles SIGINT) ends the process as it would have.
 */
function restoreTerminalOnExit(stopBar: () => void): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    stopBar();
    process.stderr.write(showCursorWrapOn);
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const onExit = () => process.stderr.write(showCursorWrapOn);
  for (const signal of signals) process.once(signal, onSignal);
  process.once('exit', onExit);
  function release() {
    for (const signal of signals) process.off(signal, onSignal);
    process.off('exit', onExit);
  }
  return release;
}

/** DECTCEM show cursor, DECAWM line wrap on. */
const showCursorWrapOn = '\x1b[?25h\x1b[?7h';
