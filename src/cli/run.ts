import { runEveryday, settle } from './everyday.js';
import type { Io } from './io.js';

/** Runs the program for `io` and returns the exit code. */
export function main(io: Io): Promise<number> {
  return settle(io, async (watched) => {
    const program = async () => (await import('./program.js')).buildProgram(watched);
    if (await runEveryday(watched, program)) return;
    const built = await program();
    await built.parseAsync(wordsToParse(io.argv, built), { from: 'user' });
  });
}

/**
 * The words commander parses. Bare `backend-path --json` with other words is the hidden home
 * command too. `help <word>` where the word names no command is that word alone, so commander
 * says it is unknown and suggests the nearest, as for the word on its own.
 */
function wordsToParse(
  argv: string[],
  program: { commands: readonly { name(): string; aliases(): string[] }[] },
): string[] {
  if (argv.every((word) => word === '--json')) return ['home', ...argv];
  const [first, named] = argv;
  const known = (name: string) =>
    program.commands.some((command) => command.name() === name || command.aliases().includes(name));
  if (first === 'help' && named !== undefined && !named.startsWith('-') && named !== 'help' && !known(named))
    return argv.slice(1);
  return argv;
}
