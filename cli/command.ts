/** What every `ai-compare` subcommand module exports. */
export interface Command {
  /** The full text of `ai-compare <command> --help`. */
  usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: readonly string[]): Promise<number>;
}
