import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin } from '../helpers/cli.js';
import { makeProject, removeProject, writeIn } from '../helpers/project.js';

// The quick start as a person types it: in a real terminal (a pseudo-terminal made by util-linux `script`),
// where the progress bar draws. CI and pipes never take that path, which is why it could break unseen.
const hideCursor = '\x1b[?25l';
const showCursor = '\x1b[?25h';
const wrapOff = '\x1b[?7l';
const wrapOn = '\x1b[?7h';

interface Terminal {
  readonly child: ChildProcess;
  readonly screen: () => string;
  readonly type: (keys: string) => void;
  readonly exited: Promise<number | null>;
  readonly waitFor: (pattern: RegExp | string, ms?: number) => Promise<void>;
}

/** Run `handout ARGS` in a pseudo-terminal in `cwd`; what it draws is collected as the screen's bytes. */
function inTerminal(args: readonly string[], cwd: string): Terminal {
  // exec: the command is the terminal's foreground process, as when a person types it (no shell in between).
  const command = `exec ${[process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ')}`;
  const { CI: _ci, NO_COLOR: _noColor, ...env } = process.env;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd,
    env: { ...env, TERM: 'xterm-256color', COLUMNS: '100', LINES: '30' },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let screen = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    screen += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    screen: () => screen,
    type: (keys) => child.stdin?.write(keys),
    exited,
    waitFor: (pattern, ms = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const matches = () => (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen));
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`the terminal never showed ${pattern}; it shows:\n${screen}`));
        }, ms);
        const check = () => {
          if (!matches()) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        check();
      }),
  };
}

/** Whatever the test's outcome, no process of it is left behind. */
function end(terminal: Terminal): void {
  if (terminal.child.exitCode !== null || terminal.child.pid === undefined) return;
  try {
    process.kill(-terminal.child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The terminal is given back: every hidden cursor shown again, every line-wrap-off turned on again, in order. */
function expectTerminalRestored(screen: string): void {
  expect(screen.lastIndexOf(showCursor), screen).toBeGreaterThanOrEqual(screen.lastIndexOf(hideCursor));
  expect(screen.lastIndexOf(wrapOn), screen).toBeGreaterThanOrEqual(screen.lastIndexOf(wrapOff));
}

const pdfsIn = (folder: string) =>
  existsSync(folder) ? readdirSync(folder, { recursive: true }).filter((f) => String(f).endsWith('.pdf')) : [];

describe('in a real terminal', () => {
  let root: string;
  const open: Terminal[] = [];
  const start = (args: readonly string[]) => {
    const terminal = inTerminal(args, root);
    open.push(terminal);
    return terminal;
  };
  beforeAll(() => {
    root = makeProject();
  });
  afterAll(() => {
    for (const terminal of open) end(terminal);
    removeProject(root);
  });

  it('builds the samples with a progress bar, exits 0 and gives the terminal back', async () => {
    const terminal = start(['build', '--force']);
    expect(await terminal.exited).toBe(0);
    const screen = terminal.screen();
    expect(screen).toContain(hideCursor);
    expect(screen).toMatch(/\d+ built, 0 up to date, 0 failed/);
    expect(screen).not.toMatch(/internal|not a function/);
    expectTerminalRestored(screen);
    expect(pdfsIn(join(root, 'out')).length).toBeGreaterThan(0);
  });

  it('stops on Ctrl+C in the middle of a build, with the terminal given back', async () => {
    // Enough handouts that the build is still running when the key arrives.
    const knee = readFileSync(join(root, 'content/articles/acupuncture-knee-pain.md'), 'utf8');
    for (let copy = 1; copy <= 30; copy++) writeIn(root, `content/articles/copy-${copy}.md`, knee);
    const terminal = start(['build', '--force', '--jobs', '1']);
    await terminal.waitFor(hideCursor);
    terminal.type('\x03');
    const code = await terminal.exited;
    // script reports a child killed by a signal as 128 + the signal's number (SIGINT is 2).
    expect(code).toBe(130);
    expect(terminal.screen()).not.toMatch(/\d+ built, 0 up to date/);
    expectTerminalRestored(terminal.screen());
  });

  it('stops on SIGTERM (a CI runner cancelling) with the terminal given back', async () => {
    const terminal = start(['build', '--force', '--jobs', '1']);
    await terminal.waitFor(hideCursor);
    // With exec, the command is the only child of script.
    process.kill(childOf(terminal.child.pid as number), 'SIGTERM');
    // SIGTERM is signal 15: 128 + 15.
    expect(await terminal.exited).toBe(143);
    expectTerminalRestored(terminal.screen());
  });

  it('rebuilds under --watch with the bar, and stops on Ctrl+C with 0', async () => {
    const terminal = start(['build', '--watch', '--force', '--jobs', '1', '--article', 'puncion-seca-cuello']);
    await terminal.waitFor('watching');
    writeIn(root, 'content/articles/puncion-seca-cuello.md', editedArticle(root));
    await terminal.waitFor(/changed [^\n]*puncion-seca-cuello\.md[\s\S]*\d+ built, \d+ up to date, 0 failed/);
    terminal.type('\x03');
    expect(await terminal.exited).toBe(0);
    const screen = terminal.screen();
    expect(screen).not.toMatch(/internal|not a function/);
    expectTerminalRestored(screen);
  });
});

function editedArticle(root: string): string {
  const path = join(root, 'content/articles/puncion-seca-cuello.md');
  return `${readFileSync(path, 'utf8')}\nUna frase más para la prueba.\n`;
}

/** The process whose parent is `parent`, read from /proc (no procps needed). */
function childOf(parent: number): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || !existsSync(`/proc/${name}/stat`)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // Gone since the folder was listed.
    }
    // The fields after the command name (in parentheses, which may hold spaces): state, then the parent's pid.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent) return Number(name);
  }
  throw new Error(`no child of process ${parent}`);
}
