import type { Command } from '@commander-js/extra-typings';
import { actions } from './action.js';
import { statusRenderer, statusTask } from './everyday.js';
import { watchStdout, type Io } from './io.js';
import { command as cmd, view as ui } from './lazy.js';
import { reportError } from './report.js';

type Perform = ReturnType<typeof actions>['perform'];

/**
 * The reads a learner runs many times a day (the bare command, `next`, `status` and the prompt
 * line, each with or without `--json`), run without building the commander program: the same
 * task and renderer as the registered command, minus the parser nobody needs for them.
 */
const EVERYDAY: Record<string, (perform: Perform, json: boolean, program: () => Promise<Command>) => Promise<void>> = {
  '': (perform, json, program) =>
    perform(
      (c) => cmd.home().then((m) => m.homeCommand(c)),
      async (result) => {
        // Without a plan, the welcome lists the commands: only then is the program built.
        const help = result.plan ? '' : (await program()).helpInformation();
        return (await ui.home()).homeRenderer(() => help);
      },
      json,
    ),
  next: (perform, json) =>
    perform(
      (c) => cmd.next().then((m) => m.nextCommand(c)),
      () => ui.next().then((m) => m.renderNext),
      json,
    ),
  status: (perform, json) => perform(statusTask(false), statusRenderer, json),
  'status --short': (perform, json) => perform(statusTask(true), statusRenderer, json),
};

/** Runs the program for `io` and returns the exit code: the only place errors become codes. */
export async function main(io: Io): Promise<number> {
  const { watched, lost } = watchStdout(io);
  const program = async () => (await import('./program.js')).buildProgram(watched);
  let code: number;
  try {
    const words = io.argv.filter((word) => word !== '--json');
    const everyday =
      Object.hasOwn(EVERYDAY, words.join(' ')) && words.length + 1 >= io.argv.length
        ? EVERYDAY[words.join(' ')]
        : undefined;
    if (everyday) await everyday(actions(watched).perform, words.length < io.argv.length, program);
    // Bare `backend-path --json` with other words is the hidden home command too.
    else
      await (
        await program()
      ).parseAsync(io.argv.every((word) => word === '--json') ? ['home', ...io.argv] : io.argv, { from: 'user' });
    code = 0;
  } catch (error) {
    code = await reportError(error, watched);
  }
  // Output that could not be written is a failure, whatever printed it (help, a completion script).
  const failure = lost();
  return failure && code === 0 ? reportError(failure, io) : code;
}
