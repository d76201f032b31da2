import type { InferredOptionTypes, Options, PositionalOptions } from 'yargs';
import type { CliIo } from './io.js';

/** The arguments a command's run gets: its options and positionals, typed from their declarations. */
export type Args<
  O extends Record<string, Options>,
  P extends Record<string, PositionalOptions>,
> = InferredOptionTypes<O> & InferredOptionTypes<P> & { readonly _: readonly (string | number)[] };

/**
 * One command of the CLI: what it takes (declared, so yargs checks every argument before anything runs)
 * and what it does. A command's module imports only what declaring it needs; `run` loads the rest.
 */
export interface CommandSpec<O extends Record<string, Options>, P extends Record<string, PositionalOptions>> {
  /** As yargs writes it: "build", "import <files..>", "init [dir]". */
  readonly command: string;
  readonly aliases?: readonly string[];
  readonly describe: string;
  readonly positionals?: P;
  readonly options: O;
  /** Checks across values (each option's own value is checked by its coerce); throws the message. */
  readonly check?: (args: Args<O, P>) => void;
  readonly examples?: readonly (readonly [string, string])[];
  /** Commands under this one (`handout manifest merge`); then it has no run of its own. */
  readonly subcommands?: readonly Command[];
  /** Runs only after the whole command line was checked; resolves to the exit code. */
  readonly run?: (args: Args<O, P>, io: CliIo) => Promise<number>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds commands of every shape; each is checked where it is defined.
export type Command = CommandSpec<any, any>;

export function defineCommand<
  O extends Record<string, Options>,
  P extends Record<string, PositionalOptions> = Record<never, PositionalOptions>,
>(spec: CommandSpec<O, P>): Command {
  return spec as Command;
}

/** Any command's arguments, as the registry passes them on. */
export type AnyArgs = Args<Record<string, Options>, Record<string, PositionalOptions>>;
