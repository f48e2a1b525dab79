import type { OutputConfiguration } from 'commander';
import { adapt, once } from './action.js';
import { commandName } from './env.js';
import { skipCodeCache } from '../code-cache.js';
import { AlreadyReported, CliError, describeCode, quoted } from '../errors.js';
import type { Io } from './io.js';
import { safeText } from '../validation/sanitize.js';
import { DURATION_RULE, durationHours } from '../coach/rules.js';
import { colorLevel, createStyle, terminalWidth } from '../ui/style.js';

/**
 * The only place that turns errors into messages and exit codes: one sentence (and a hint) for
 * the errors a command meant, and a short apology for the ones it did not. Stack traces only
 * with DEBUG=backend-path.
 */
export async function reportError(error: unknown, io: Io): Promise<number> {
  const style = await createStyle(io.stderr, io.env);
  // Worked out once (a search of PATH), for the message and its hint alike, and only if one suggests a command.
  const name = once(() => commandName(io.env, io.script, io.cwd));
  const clean = (text: string) => adapt(cutLongWords(safeText(text)), name);
  // On a terminal, long messages wrap by words like every other line; in a pipe they stay whole.
  const wrap = io.stderr.isTTY ? (await import('../ui/text.js')).wrap : undefined;
  const fold = (text: string) =>
    wrap
      ? text
          .split('\n')
          .map((line) => wrap(line, terminalWidth(io.stderr, io.env), line.match(/^ */)![0].length))
          .join('\n')
      : text;
  const write = (text: string) => void io.stderr.write(text);
  if (io.env.DEBUG?.split(',').includes('backend-path') && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  // A command that failed (or was answered no) did little of its work: its run's compiled code
  // is not kept (see code-cache.ts). A result already printed with its own code (a check that
  // failed) did it all.
  if (!(error instanceof AlreadyReported) && !(isCommanderError(error) && error.exitCode === 0)) skipCodeCache();
  if (isCommanderError(error)) {
    // Help and --version end through an error too, with commander's own exit code 0.
    if (error.exitCode === 0) return 0;
    // The command's own help where a command was named (a missing argument, an unknown flag);
    // `help` itself has none of its own.
    const word = io.argv[0] ?? '';
    const named = error.code !== 'commander.unknownCommand' && word !== 'help' && /^[a-z]+$/.test(word) ? word : '';
    const hint = negativeTime(error.message, io.argv)
      ? 'To take time off the log, `backend-path log list` numbers its entries, and `backend-path log change <n> --hours <time>` or `backend-path log remove <n>` corrects one.'
      : named
        ? `Run \`backend-path ${named} --help\` to see its arguments and flags.`
        : 'Run `backend-path --help` to see the commands and their flags.';
    write(`${style.dim(fold(clean(hint)))}\n`);
    return 2;
  }
  if (error instanceof AlreadyReported) return error.exitCode;
  if (error instanceof CliError) {
    const prefix = error.exitCode === 130 || error.exitCode === 0 ? '' : 'Error: ';
    write(`${style.red(prefix)}${fold(`${prefix}${clean(error.message)}`).slice(prefix.length)}\n`);
    if (error.hint) write(`${style.dim(fold(clean(error.hint)))}\n`);
    return error.exitCode;
  }
  write(`${style.red('Error:')} something unexpected went wrong: ${clean(unexpected(error))}\n`);
  write(`${style.dim('Run again with DEBUG=backend-path to see the details, and please report it.')}\n`);
  return 1;
}

/** A bug's message; a system error that escaped says its code in words, with the file it was about. */
function unexpected(error: unknown): string {
  const system = error as NodeJS.ErrnoException;
  if (typeof system?.code === 'string' && /^E[A-Z0-9]+$/.test(system.code))
    return `${describeCode(system.code)}${system.path ? ` (${system.path})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Messages echo what was typed (an unknown option, a path, a value outside the choices). A run of
 * more than 200 characters without a space is shown by its start and its end, so a 100,000-
 * character argument stays a readable line and a long path keeps both ends.
 */
function cutLongWords(text: string): string {
  return text.replace(/\S{201,}/gu, (word) => {
    const characters = [...word];
    return characters.length > 200 ? `${characters.slice(0, 120).join('')}…${characters.slice(-40).join('')}` : word;
  });
}

/**
 * The negative number commander read as an unknown flag in `log -1` (a learner taking an hour
 * back), or undefined: any other unknown flag, another command, or a `log` that was given its
 * time too (`log 1 -2`) keeps commander's message.
 */
function negativeTime(message: string, argv: readonly string[]): string | undefined {
  if (argv[0] !== 'log' || argv.slice(1).some((word) => durationHours(word) !== undefined)) return undefined;
  return /unknown option '(-\d[^']*)'/.exec(message)?.[1];
}

/**
 * commander's own errors (an unknown flag, --help, --version), told by their code: the everyday
 * reads never load commander, so this module does not import it to ask `instanceof`.
 */
function isCommanderError(error: unknown): error is Error & { exitCode: number; code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('commander.');
}

/**
 * Where commander writes its help and its own errors: our outputs, under the one colour policy
 * and width. Its defaults would make process.stdout (a few milliseconds of every --help) and
 * ignore a test's streams.
 */
export function programOutput(io: Io): OutputConfiguration {
  return {
    writeOut: (text) => void io.stdout.write(text),
    writeErr: (text) => void io.stderr.write(text),
    outputError: (text, write) => {
      const negative = negativeTime(text, io.argv);
      const message = negative
        ? `Error: The time studied must be ${DURATION_RULE}; got ${quoted(negative)}.\n`
        : text.replace(/^error: /, 'Error: ');
      write(cutLongWords(safeText(message)));
    },
    getOutHelpWidth: () => terminalWidth(io.stdout, io.env),
    getErrHelpWidth: () => terminalWidth(io.stderr, io.env),
    getOutHasColors: () => colorLevel(io.stdout, io.env) > 0,
    getErrHasColors: () => colorLevel(io.stderr, io.env) > 0,
  };
}
