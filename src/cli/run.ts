import { runEveryday, settle } from './everyday.js';
import type { Io } from './io.js';

/** Runs the program for `io` and returns the exit code. */
export function main(io: Io): Promise<number> {
  return settle(io, async (watched) => {
    const program = async () => (await import('./program.js')).buildProgram(watched);
    if (await runEveryday(watched, program)) return;
    // Bare `backend-path --json` with other words is the hidden home command too.
    await (
      await program()
    ).parseAsync(io.argv.every((word) => word === '--json') ? ['home', ...io.argv] : io.argv, { from: 'user' });
  });
}
