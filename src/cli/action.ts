import type { CommandContext } from '../commands/context.js';
import { AlreadyReported, Declined } from '../errors.js';
import { ProgressStore } from '../store/store.js';
import { adaptCommands, useCommandName } from '../ui/command-name.js';
import { createStyle, TABLE_WIDTH, terminalWidth } from '../ui/style.js';
import type { View } from '../ui/view.js';
import { safeData, safeJson, safeLine, safeText } from '../validation/sanitize.js';
import { commandName, configDir, resolveClock } from './env.js';
import { interruptible } from './interrupt.js';
import { writeText, type Io } from './io.js';

/** A command bound to its parsed arguments and options: all it still needs is the context. */
export type Task<R> = (context: CommandContext) => Promise<R>;
export type Renderer<R> = (result: R, view: View) => string;

/** How a result leaves the program, besides being rendered to stdout. */
export interface How<R> {
  /** The exit code the result calls for (a failing check, an invalid roadmap). */
  exitCode?: (result: R) => number;
  /**
   * An export: the rendered text is a file's bytes, built from cleaned data, so it is neither
   * cleaned again nor rewritten, and goes to the file the result names when it names one.
   */
  file?: (result: R) => { path: string; example: string } | null;
  /**
   * The rendered text is printed as it is, its commands in their short form: the prompt line,
   * whose 60 columns the longer form (`node /path/to/backend-path.js`) would overflow.
   */
  verbatim?: boolean;
}

/** The command's result; a no to its question is an answer, not a failure: --json gets a document for it too. */
async function answered<R>(run: () => Promise<R>, json: boolean | undefined, print: (text: string) => unknown) {
  try {
    return await run();
  } catch (error) {
    if (json && error instanceof Declined) await print(safeJson({ declined: true, message: error.message }));
    throw error;
  }
}

/** `make`'s value, made on the first call. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** Rendered text with its suggested commands in the form that works here, unless it is printed verbatim. */
const shown = (text: string, verbatim = false) => (verbatim ? text : adaptCommands(text));

/** Suggested commands in the form that works in the learner's shell; see useCommandName. */
export function adapt(text: string, name: string | (() => string)): string {
  useCommandName(name);
  return adaptCommands(text);
}

/**
 * The pieces every command's action shares, bound to one process's (or one test's) io. `brief`
 * is for the prompt line, which shows one line whatever is wrong: a damaged progress file is
 * refused without the search for where it is damaged. `summary` is for the everyday reads, which
 * only count hours: a long log may come as the day totals kept beside the file.
 */
export function actions(io: Io, { brief = false, summary = false } = {}) {
  // Worked out when a suggested command is printed (a search of PATH): most answers print none.
  const name = once(() => commandName(io.env, io.script, io.cwd));
  // Read once: a command that ran past midnight still shows the day it computed for.
  const now = once(() => resolveClock(io.env, io.now()));
  const context = async (): Promise<CommandContext> => {
    const warning = (await createStyle(io.stderr, io.env)).yellow('Warning:');
    const clock = now();
    const busy = async (text: string, delayMs?: number) =>
      (await import('../ui/spinner.js')).startSpinner(text, io.stderr, io.env, delayMs);
    return {
      store: new ProgressStore(() => configDir(io.env, io.cwd), {
        onWait: () => busy('Waiting for another backend-path command to finish…'),
        interruptible,
        now: () => clock.now,
        brief,
        summary,
      }),
      clock,
      cwd: io.cwd,
      // Asked only by commands that may ask a question, so the others never touch stdin.
      get interactive() {
        return (io.stdout.isTTY === true || io.stderr.isTTY === true) && io.stdinIsTTY();
      },
      printsToTerminal: io.stdout.isTTY === true,
      warn: (message) => void io.stderr.write(`${warning} ${adapt(safeText(message), name)}\n`),
      busy,
    };
  };
  const view = async (): Promise<View> => ({
    style: await createStyle(io.stdout, io.env),
    width: terminalWidth(io.stdout, io.env),
    tableWidth: terminalWidth(io.stdout, io.env, TABLE_WIDTH),
    today: now().today,
    // terminal-link decides whether this terminal shows links; off a terminal it never does.
    link: io.stdout.isTTY ? (await import('terminal-link')).default : undefined,
  });
  const print = (text: string) => writeText(io.stdout, text === '' || text.endsWith('\n') ? text : `${text}\n`);

  /** An export's bytes, to the file it names (never the progress file or its kin) or to stdout. */
  const deliver = async (text: string, file: { path: string; example: string } | null, context: CommandContext) => {
    if (file === null) return print(text);
    const { writeOutputFile } = await import('./output-file.js');
    writeOutputFile(file.path, text, (path) => context.store.owns(path), file.example);
    return print(`Wrote ${safeLine(file.path)}`);
  };

  /**
   * The one shape of every action: run the command, then print its result as JSON (`--json`) or
   * rendered, and set the exit code the result calls for.
   */
  const perform = async <R>(
    task: Task<R>,
    renderer: (result: R) => Promise<Renderer<R>>,
    json: boolean | undefined,
    how: How<R> = {},
  ) => {
    const commandContext = await context();
    // Set before the command runs: its prompts suggest commands too.
    if (!json || commandContext.interactive) useCommandName(name);
    const result = await answered(() => task(commandContext), json, print);
    if (json) await print(safeJson(result));
    else if (how.file) await deliver((await renderer(result))(result, await view()), how.file(result), commandContext);
    else await print(shown((await renderer(result))(safeData(result), await view()), how.verbatim));
    const code = how.exitCode?.(result) ?? 0;
    if (code !== 0) throw new AlreadyReported(code);
  };
  return { perform, context, name };
}
