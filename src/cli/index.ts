import yargs, { type Argv, type PositionalOptions } from 'yargs';
import { type Diagnostic, problemsOf } from '../errors.js';
import { version } from '../version.js';
import type { AnyArgs, Command } from './command.js';
import { commands } from './commands.js';
import { type CliIo, processIo } from './io.js';
import { printDiagnostics } from './report.js';
import { closest } from './suggest.js';

export type { CliIo } from './io.js';

/** Diagnostics that mean the command line (or the folder it ran in) was wrong, not the project: exit 2. */
const usageCodes = new Set<Diagnostic['code']>(['not-a-project', 'config-missing', 'init-exists']);

interface Chosen {
  readonly command: Command;
  readonly args: AnyArgs;
}

/**
 * Run the command line; resolves to the exit code (0 done, 1 something failed, 2 usage error). The whole
 * command line is checked first: nothing is read or written unless every argument is known and valid.
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let chosen: Chosen | null = null;
  let failure: string | null = null;
  const parser = yargs([...argv])
    .scriptName('handout')
    .locale('en')
    .strict()
    .version(version)
    .alias('v', 'version')
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error) => {
      failure = message ?? error?.message ?? 'usage error';
    })
    .exitProcess(false);
  for (const command of commands) register(parser, command, (c, args) => (chosen = { command: c, args }));
  let output = '';
  try {
    await parser.parseAsync([...argv], {}, (_error, _args, text) => {
      output = text;
    });
  } catch (error) {
    failure ??= error instanceof Error ? error.message : String(error);
  }
  if (failure !== null) return usageError(failure, argv, io);
  // --help and --version: yargs wrote its text into `output`, and no command was chosen to run.
  if (output) {
    io.stdout(`${output}\n`);
    return 0;
  }
  const selected = chosen as Chosen | null;
  if (!selected?.command.run) return usageError('name a command (see "handout --help")', argv, io);
  try {
    return await selected.command.run(selected.args, io);
  } catch (error) {
    // The last guard: whatever went wrong is printed as a placed problem, never as a stack trace.
    const problems = problemsOf(error, io.cwd);
    printDiagnostics(problems, io);
    return problems.every((p) => usageCodes.has(p.code)) ? 2 : 1;
  }
}

/** Declare a command (and its subcommands) to yargs; its handler only remembers it, to run once all is checked. */
function register(parser: Argv, command: Command, choose: (command: Command, args: AnyArgs) => void): void {
  parser.command(
    [command.command, ...(command.aliases ?? [])],
    command.describe,
    (y) => {
      const positionals: Record<string, PositionalOptions> = command.positionals ?? {};
      for (const [name, positional] of Object.entries(positionals)) y.positional(name, positional);
      y.options(command.options);
      for (const [example, what] of command.examples ?? []) y.example(example, what);
      if (command.check) {
        const check = command.check;
        y.check((args) => {
          check(args as AnyArgs);
          return true;
        });
      }
      for (const sub of command.subcommands ?? []) register(y, sub, choose);
      if (command.subcommands)
        y.demandCommand(
          1,
          `"handout ${command.command}" needs a command: ${command.subcommands.map((s) => s.command.split(' ')[0]).join(', ')}`,
        );
      return y.strict();
    },
    (args) => choose(command, args as AnyArgs),
  );
}

/** Print a usage error with a "did you mean" for a mistyped command or option; exit code 2. */
function usageError(raw: string, argv: readonly string[], io: CliIo): number {
  const unknown = unknownArguments(raw);
  const message = unknown.length > 0 ? `unknown argument${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` : raw;
  const suggestion = suggestionFor(unknown, argv);
  io.stderr(
    `handout: ${message}${suggestion ? `\n  did you mean ${suggestion}?` : ''}\nRun "handout --help" for usage.\n`,
  );
  return 2;
}

/** The names yargs refused, without the camelCase copies it makes of dashed ones. */
function unknownArguments(message: string): string[] {
  const names = /^Unknown arguments?: (.+)$/.exec(message)?.[1]?.split(', ') ?? [];
  const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return names.filter((name) => !names.some((other) => other !== name && camel(other) === name));
}

const nameOf = (command: Command) => command.command.split(' ')[0] as string;

function suggestionFor(unknown: readonly string[], argv: readonly string[]): string | null {
  const [first] = unknown;
  if (first === undefined) return null;
  // A word that was not an option is a mistyped command (or a missing subcommand: "manifest a.json").
  if (argv.includes(first)) {
    const parent = commands.find((c) => c.subcommands && argv[0] === nameOf(c));
    if (parent?.subcommands) {
      const sub = closest(first, parent.subcommands.map(nameOf)) ?? nameOf(parent.subcommands[0] as Command);
      return `"handout ${nameOf(parent)} ${sub} ${argv.slice(1).join(' ')}"`.replace(` ${first} ${first}`, ` ${first}`);
    }
    const match = closest(first, commands.map(nameOf));
    return match ? `"handout ${match}"` : null;
  }
  const command = commands.find((c) => argv.includes(nameOf(c))) ?? commands[0];
  const options = [...Object.keys(command?.options ?? {}), 'help', 'version'];
  const match = closest(first, options);
  return match ? `--${match}` : null;
}
