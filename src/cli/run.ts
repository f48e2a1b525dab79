import type { Command } from '@commander-js/extra-typings';
import { actions } from './action.js';
import { statusRenderer, statusTask } from './everyday.js';
import { watchStdout, writeText, type Io } from './io.js';
import { command as cmd, view as ui } from './lazy.js';
import { reportError } from './report.js';

type Perform = ReturnType<typeof actions>['perform'];
type Everyday = (perform: Perform, json: boolean, program: () => Promise<Command>, io: Io) => Promise<void>;

/**
 * The reads a learner runs many times a day (the bare command, `next`, `status` and the prompt
 * line, each with or without `--json`), run without building the commander program: the same
 * task and renderer as the registered command, minus the parser nobody needs for them.
 */
const EVERYDAY: Record<string, Everyday> = {
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
  'status --short': (perform, json, _program, io) =>
    json ? perform(statusTask(true), statusRenderer, true) : promptLine(perform, io),
};

/**
 * The prompt line, run at every shell prompt: whatever is broken (the clock variables, the config
 * folder, the progress file, the plan's roadmap file) it prints one line and exits 0, so the
 * prompt is never held up or cluttered. Its store is brief: a damaged file is refused without
 * the search for where it is damaged, since the line would not show it.
 */
async function promptLine(perform: Perform, io: Io): Promise<void> {
  try {
    await perform(statusTask(true), statusRenderer, false);
  } catch {
    await writeText(io.stdout, (await ui.short()).PROBLEM_LINE);
  }
}

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
    const json = words.length < io.argv.length;
    const brief = !json && words.join(' ') === 'status --short';
    if (everyday) await everyday(actions(watched, { brief }).perform, json, program, watched);
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
