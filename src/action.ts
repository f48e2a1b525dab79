import type { Command } from 'commander';
import type { CommandContext } from './context.js';
import { commandName, configDir, resolveClock, type Clock } from './env.js';
import { AlreadyReported } from './errors.js';
import { writeText, type Io } from './io.js';
import { safeData, safeJson, safeText } from './sanitize.js';
import { ProgressStore } from './store/store.js';
import { createStyle, terminalWidth } from './ui/style.js';
import { adaptCommands, useCommandName } from './ui/command-name.js';
import type { View } from './ui/view.js';

export type Task<R> = (context: CommandContext, args: string[], options: Record<string, unknown>) => Promise<R>;
export type Renderer<R> = (result: R, view: View) => string;
/**
 * The exit code a result calls for, and whether the rendered text is printed as it is: an
 * export is a file's bytes, built from cleaned data, so neither cleaned again nor rewritten.
 */
interface How<R> {
  exitCode?: (result: R) => number;
  verbatim?: boolean;
}

/** Suggested commands in the form that works in the learner's shell; see useCommandName. */
export function adapt(text: string, name: string): string {
  useCommandName(name);
  return adaptCommands(text);
}

/** The pieces every command's action shares, bound to one process's (or one test's) io. */
export function actions(io: Io) {
  const name = () => commandName(io.env, io.script, io.cwd);
  // Read once: a command that ran past midnight still shows the day it computed for.
  let resolved: Clock | undefined;
  const now = () => (resolved ??= resolveClock(io.env, io.now()));
  const context = async (): Promise<CommandContext> => {
    const warning = (await createStyle(io.stderr, io.env)).yellow('Warning:');
    const clock = now();
    return {
      store: new ProgressStore(() => configDir(io.env, io.cwd), {
        onWait: async () => (await import('./ui/spinner.js')).startSpinner('Waiting for another backend-path command to finish…', io.stderr, io.env),
        now: () => clock.now,
      }),
      clock,
      cwd: io.cwd,
      // Asked only by commands that may ask a question, so the others never touch stdin.
      get interactive() {
        return (io.stdout.isTTY === true || io.stderr.isTTY === true) && io.stdinIsTTY();
      },
      warn: (message) => void io.stderr.write(`${warning} ${adapt(safeText(message), name())}\n`),
    };
  };
  const view = async (): Promise<View> => ({
    style: await createStyle(io.stdout, io.env),
    width: terminalWidth(io.stdout, io.env),
    today: now().today,
    // terminal-link decides whether this terminal shows links; off a terminal it never does.
    link: io.stdout.isTTY ? (await import('terminal-link')).default : undefined,
  });
  const print = (text: string) => writeText(io.stdout, text === '' || text.endsWith('\n') ? text : `${text}\n`);

  /**
   * The one shape of every action: run the command with its arguments and options, then print
   * its result as JSON (`--json`) or rendered, and set the exit code the result calls for.
   */
  const perform = async <R>(task: Task<R>, renderer: (result: R) => Promise<Renderer<R>>, args: string[], options: Record<string, unknown>, how: How<R> = {}) => {
    const result = await task(await context(), args, options);
    if (options.json) await print(safeJson(result));
    else if (how.verbatim) await print((await renderer(result))(result, await view()));
    else {
      useCommandName(name());
      await print(adaptCommands((await renderer(result))(safeData(result), await view())));
    }
    const code = how.exitCode?.(result) ?? 0;
    if (code !== 0) throw new AlreadyReported(code);
  };
  /** `perform` as commander's action: the arguments before the options and the command. */
  const action =
    <R>(task: Task<R>, renderer: (result: R) => Promise<Renderer<R>>, how: How<R> = {}) =>
    (...args: unknown[]) =>
      perform(task, renderer, args.slice(0, -2) as string[], (args.at(-1) as Command).opts(), how);
  return { action, perform, context };
}
