import type { Command } from '@commander-js/extra-typings';
import { skipCodeCache } from '../code-cache.js';
import type { CommandContext } from '../commands/context.js';
import type { StatusLine, StatusResult } from '../commands/status.js';
import { actions, type Renderer } from './action.js';
import { everydayRead } from './everyday-words.js';
import { recordingStdout, watchStdout, writeText, type Io } from './io.js';
import { offerOutput, promptLineKey, type Offered } from './kept.js';
import { reportError } from './report.js';

/**
 * What the everyday reads load, on first use. This module never imports the other commands or
 * the commander program (the everyday bundle is built from it); lazy.ts adds them.
 */
export const readCommand = {
  home: () => import('../commands/home.js'),
  next: () => import('../commands/next.js'),
  status: () => import('../commands/status.js'),
};
export const readView = {
  home: () => import('../ui/render-home.js'),
  next: () => import('../ui/render-next.js'),
  status: () => import('../ui/render-status.js'),
  short: () => import('../ui/render-short.js'),
};

/** `status` and `status --short`: one task, two renderers; the prompt line's loads nothing else. */
export const statusTask = (short: boolean | undefined) => (c: CommandContext) =>
  readCommand
    .status()
    .then((m): Promise<StatusResult | StatusLine> => (short ? m.statusLineCommand(c) : m.statusCommand(c)));

export const statusRenderer = async (result: StatusResult | StatusLine): Promise<Renderer<StatusResult | StatusLine>> =>
  ('stages' in result ? (await readView.status()).renderStatus : (await readView.short()).renderStatusLine) as Renderer<
    StatusResult | StatusLine
  >;

type Perform = ReturnType<typeof actions>['perform'];
type Read = (perform: Perform, json: boolean, program: () => Promise<Command>, io: Io) => Promise<void>;

/**
 * The everyday reads, run without building the commander program: the same task and renderer
 * as the registered command, minus the parser nobody needs for them.
 */
const READS: Record<string, Read> = {
  '': (perform, json, program) =>
    perform(
      (c) => readCommand.home().then((m) => m.homeCommand(c)),
      async (result) => {
        // Without a plan, the welcome lists the commands: only then is the program built.
        const help = result.plan ? '' : (await program()).helpInformation();
        return (await readView.home()).homeRenderer(() => help);
      },
      json,
    ),
  next: (perform, json) =>
    perform(
      (c) => readCommand.next().then((m) => m.nextCommand(c)),
      () => readView.next().then((m) => m.renderNext),
      json,
    ),
  status: (perform, json) => perform(statusTask(false), statusRenderer, json),
  'status --short': (perform, json, _program, io) =>
    json ? perform(statusTask(true), statusRenderer, true) : promptLine(io),
};

/**
 * The prompt line, run at every shell prompt: whatever is broken (the clock variables, the config
 * folder, the progress file, the plan's roadmap file) it prints one line and exits 0, so the
 * prompt is never held up or cluttered. Its store is brief: a damaged file is refused without
 * the search for where it is damaged, since the line would not show it. A line that holds until
 * the plan or the day changes is offered to the loader to keep (kept.ts).
 */
async function promptLine(io: Io): Promise<void> {
  const recording = recordingStdout(io);
  let offer: Omit<Offered, 'text'> | undefined;
  try {
    await actions(recording.io, { brief: true, summary: true }).perform(
      async (c) => {
        const { line, steady, roadmapFile } = await (await readCommand.status()).promptLineOf(c);
        if (steady)
          offer = {
            files: [c.store.path, ...(roadmapFile ? [roadmapFile] : [])],
            key: promptLineKey(c.store.dir, c.clock.today),
          };
        return line;
      },
      statusRenderer,
      false,
      { verbatim: true },
    );
    if (offer) offerOutput({ ...offer, text: recording.printed() });
  } catch {
    skipCodeCache();
    await writeText(io.stdout, (await readView.short()).PROBLEM_LINE);
  }
}

/**
 * Runs the everyday read `io.argv` asks for, if it is one, and resolves true; false for any other
 * command. `program` builds the commander program, which only the bare command without a plan needs.
 */
export async function runEveryday(io: Io, program: () => Promise<Command>): Promise<boolean> {
  const read = everydayRead(io.argv);
  if (!read) return false;
  // These reads only count hours, so a long log may come as the summary kept beside it.
  await READS[read.words]!(actions(io, { summary: true }).perform, read.json, program, io);
  return true;
}

/** A command that this bundle does not hold: the loader runs the whole program instead. */
export class HandOver extends Error {}

/**
 * Runs `body` for `io` and returns the exit code: the only place errors become codes. A HandOver
 * passes through, before anything was printed.
 */
export async function settle(io: Io, body: (watched: Io) => Promise<void>): Promise<number> {
  const { watched, lost } = watchStdout(io);
  let code: number;
  try {
    await body(watched);
    code = 0;
  } catch (error) {
    if (error instanceof HandOver) throw error;
    code = await reportError(error, watched);
  }
  // Output that could not be written is a failure, whatever printed it (help, a completion script).
  const failure = lost();
  return failure && code === 0 ? reportError(failure, io) : code;
}
