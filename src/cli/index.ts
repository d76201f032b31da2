import yargs, { type Argv, type Options, type PositionalOptions } from 'yargs';
import { type Diagnostic, problemsOf } from '../errors.js';
import { closest } from '../shared/suggest.js';
import { visible } from '../shared/visible.js';
import { version } from '../version.js';
import type { AnyArgs, Command } from './command.js';
import { commands } from './commands.js';
import { type CliIo, processIo, terminalIo } from './io.js';
import { printDiagnostics, printJson } from './report.js';

export type { CliIo } from './io.js';

/** Diagnostics that mean the command line (or the folder it ran in) was wrong, not the project: exit 2. */
const usageCodes = new Set<Diagnostic['code']>([
  'usage',
  'not-a-project',
  'config-missing',
  'init-exists',
  'release-exists',
  'release-baseline',
]);

interface Chosen {
  readonly command: Command;
  readonly args: AnyArgs;
}

/**
 * Run the command line; resolves to the exit code (0 done, 1 something failed, 2 usage error). The whole
 * command line is checked first: nothing is read or written unless every argument is known and valid.
 */
export async function main(argv: readonly string[], given: CliIo = processIo): Promise<number> {
  const io = terminalIo(given);
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
  // "handout --help" describes the tool and its commands; build, the default command, would otherwise
  // answer it with its own description and options.
  const toolHelp = argv.every((a) => a.startsWith('-')) && argv.some((a) => a === '--help' || a === '-h');
  if (toolHelp)
    parser.usage(
      'handout <command> [options]\n\nBranded, accessible patient handouts from Markdown articles and clinic files.\n"handout" alone runs "handout build". "handout <command> --help" shows a command\'s options.',
    );
  for (const command of commands) {
    const declared = toolHelp ? { ...command, aliases: command.aliases?.filter((a) => a !== '$0') } : command;
    registerCommand(parser, declared, (c, args) => (chosen = { command: c, args }));
  }
  let output = '';
  try {
    await parser.parseAsync([...argv], {}, (_error, _args, text) => {
      output = text;
    });
  } catch (error) {
    failure ??= error instanceof Error ? error.message : String(error);
  }
  // A CI script that asked for JSON gets one object whatever happens, a usage error included.
  const json = jsonAsked(argv);
  if (failure !== null) return usageError(failure, argv, io, json);
  // --help and --version: yargs wrote its text into `output`, and no command was chosen to run.
  if (output) {
    if (json) {
      const fields = asked(argv, 'version') ? { version } : { help: output };
      printJson(io, asked(argv, 'version') ? null : commandNamed(argv), 0, [], fields);
    } else io.stdout(`${output}\n`);
    return 0;
  }
  const selected = chosen as Chosen | null;
  if (!selected?.command.run) return usageError('name a command (see "handout --help")', argv, io, json);
  try {
    return await selected.command.run(selected.args, io);
  } catch (error) {
    // The last guard: whatever went wrong is printed as a placed problem, never as a stack trace.
    const problems = problemsOf(error, io.cwd);
    const code = problems.every((p) => usageCodes.has(p.code)) ? 2 : 1;
    if (json) printJson(io, nameOf(selected.command), code, problems, {});
    else printDiagnostics(problems, io);
    return code;
  }
}

/** --json (or --json=true) on the line, whether or not the rest of the line is valid. */
function jsonAsked(argv: readonly string[]): boolean {
  const last = argv.filter((a) => a === '--json' || a === '--no-json' || a.startsWith('--json=')).at(-1);
  return last === '--json' || last === '--json=true';
}

const asked = (argv: readonly string[], option: string) =>
  argv.some((a) => a === `--${option}` || a === `-${option.charAt(0)}`);

/** The command a line names ("manifest merge" with its subcommand), or null when it names none. */
function commandNamed(argv: readonly string[]): string | null {
  const command = commands.find((c) => argv.includes(nameOf(c)));
  if (!command) return argv.some((a) => !a.startsWith('-')) ? null : 'build';
  const sub = command.subcommands?.find((s) => argv.includes(nameOf(s)));
  return sub ? `${nameOf(command)} ${nameOf(sub)}` : nameOf(command);
}

/** Declare a command (and its subcommands) to yargs; its handler only remembers it, to run once all is checked. */
function registerCommand(parser: Argv, command: Command, choose: (command: Command, args: AnyArgs) => void): void {
  parser.command(
    [command.command, ...(command.aliases ?? [])],
    command.describe,
    (y) => {
      const positionals: Record<string, PositionalOptions> = command.positionals ?? {};
      for (const [name, positional] of Object.entries(positionals)) y.positional(name, positional);
      // `handout release --version V` names the release: there --version is the command's, not the tool's.
      if ('version' in command.options) y.version(false);
      y.options(withValuesRequired(command.options));
      y.check((args) => noEmptyValues(Object.keys(command.options), args));
      for (const [example, what] of command.examples ?? []) y.example(example, what);
      if (command.check) {
        const check = command.check;
        y.check((args) => {
          check(args as AnyArgs);
          return true;
        });
      }
      for (const sub of command.subcommands ?? []) registerCommand(y, sub, choose);
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

/** An option that takes a value must be given one: "--out" at the end of a line would otherwise mean "" (the project). */
function withValuesRequired(options: Record<string, Options>): Record<string, Options> {
  return Object.fromEntries(
    Object.entries(options).map(([name, option]) => [
      name,
      option.type === 'string' || option.type === 'number' ? { ...option, requiresArg: true } : option,
    ]),
  );
}

/** "--article $EMPTY" in a CI script: an empty value is a mistake, never "everything". */
function noEmptyValues(options: readonly string[], args: Record<string, unknown>): true {
  for (const name of options) {
    const value = args[name];
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && v.trim() === ''))
      throw new Error(`--${name} needs a value, and "" was given`);
  }
  return true;
}

/** Print a usage error with a "did you mean" for a mistyped command or option; exit code 2. */
function usageError(raw: string, argv: readonly string[], io: CliIo, json: boolean): number {
  const unknown = unknownArguments(raw);
  const asTyped = (name: string) =>
    argv.find((a) => a === `--${name}` || a === `-${name}` || a.startsWith(`--${name}=`))?.split('=')[0] ?? name;
  const message =
    unknown.length > 0
      ? `unknown argument${unknown.length > 1 ? 's' : ''}: ${unknown.map(asTyped).join(', ')}`
      : lowerFirst(raw);
  const suggestion = suggestionFor(unknown, argv);
  const help = `Run "${helpCommand(argv)}" for usage.`;
  if (json) {
    const hint = suggestion ? `Did you mean ${suggestion}? ${help}` : help;
    printJson(io, commandNamed(argv), 2, [{ severity: 'error', code: 'usage', file: io.cwd, message, hint }], {});
    return 2;
  }
  // Arguments are echoed: a newline in one must not start a line of its own (terminalIo escapes the rest).
  const meant = suggestion ? `\n  did you mean ${visible(suggestion)}?` : '';
  io.stderr(`handout: ${visible(message)}${meant}\n${help}\n`);
  return 2;
}

/** The help of the command the line names, else the tool's. */
function helpCommand(argv: readonly string[]): string {
  const command = commands.find((c) => argv[0] === nameOf(c));
  return command ? `handout ${nameOf(command)} --help` : 'handout --help';
}

/** yargs' own messages start with a capital; the tool's start in lower case after "handout: ". */
const lowerFirst = (message: string) => message.charAt(0).toLowerCase() + message.slice(1);

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
      // "manifest merge" needs --out as well: the suggestion is a command that runs.
      const out = nameOf(parent) === 'manifest' && !argv.includes('--out') ? ' --out merged/manifest.json' : '';
      return `"handout ${nameOf(parent)} ${sub} ${argv.slice(1).join(' ')}${out}"`.replace(
        ` ${first} ${first}`,
        ` ${first}`,
      );
    }
    const match = closest(first, commands.map(nameOf));
    return match ? `"handout ${match}"` : null;
  }
  const command = commands.find((c) => argv.includes(nameOf(c))) ?? commands[0];
  const options = [...Object.keys(command?.options ?? {}), 'help', 'version'];
  // A one-letter slip ("-q") is the option that starts with it, when only one does.
  const initial = first.length === 1 ? options.filter((o) => o.startsWith(first)) : [];
  const match = initial.length === 1 ? initial[0] : closest(first, options);
  return match ? `--${match}` : null;
}
