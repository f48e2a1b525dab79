// Outputs kept between runs: the prompt line (`status --short`) and the program's help. A shell
// prompt asks for the line before every command, and between two changes to the plan it is the
// same line all day; the help is the same until the build, the width or the command's form
// changes. The loader (boot.ts) prints a kept output without loading a bundle while everything it
// was computed from is as it was, and keeps each new one at exit. Measured in instructions
// (callgrind, medians of 3; `node -e 0` 77.7 M): a kept prompt line 91.2 M against 110.2 M
// computed, and a line computed again and kept 115.9 M; help 90.2 M against 109.7 M.
import { isAbsolute, join } from 'node:path';
import { readRegularFile, settledIdentity, stillHas, writeWhole } from '../store/folder.js';
import { colorLevel, terminalWidth } from '../ui/style.js';
import { configDir, resolveClock } from './env.js';
import type { KeptOutput } from './everyday-words.js';
import { isTerminal, processIo, workingFolder } from './io.js';

/** What the program offers the loader to keep (see offerOutput); the two bundles meet at a global. */
const OFFERED = Symbol.for('backend-path.kept-output');
/**
 * Text in lines without control characters, line separators or bidi controls, as the renderers
 * make it without colour: a record holding anything else is never printed.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it keeps out.
const PRINTABLE = /^(?:[^\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]*\n)+$/;

/**
 * What the program printed and what from: the files it read (none for help), and the key it
 * computed for (the folder and the day of the prompt line), which must be the loader's.
 */
export interface Offered {
  text: string;
  files: string[];
  key?: string;
}
type WithOffer = { [OFFERED]?: Offered };

/** For the program: `text` holds until the key or one of the files changes. */
export function offerOutput(offered: Offered): void {
  (globalThis as WithOffer)[OFFERED] = offered;
}

/** The prompt line's key: the progress file's folder and the day. */
export const promptLineKey = (dir: string, today: string): string => JSON.stringify([dir, today]);

/**
 * What the output is computed for, resolved as the program resolves it; undefined when it
 * cannot be kept now. Help is kept only for output that is not a terminal (whose width only
 * the terminal's stream can tell) and has no colour; its width is what COLUMNS says.
 */
export function keyNow(output: KeptOutput): string | undefined {
  const { env } = process;
  try {
    if (output === 'prompt-line')
      return promptLineKey(configDir(env, workingFolder(env)), resolveClock(env, new Date()).today);
    const stdout = { isTTY: isTerminal(1, () => process.stdout) };
    if (stdout.isTTY || colorLevel(stdout, env) !== 0) return undefined;
    // The examples show the command in the form that works here (see commandName), which follows
    // the program's file, PATH (relative entries from the working folder) and npm's own runs. A
    // bare command installed onto, or removed from, an unchanged PATH is seen by the next help
    // printed to a terminal, or once the build or PATH changes: looking for it here would cost
    // every kept help that search.
    return JSON.stringify([
      process.argv.slice(2),
      terminalWidth(stdout, env),
      process.argv[1],
      env.PATH,
      env.npm_command,
      workingFolder(env),
    ]);
  } catch {
    // A clock variable or config folder that the program will explain.
    return undefined;
  }
}

/** A kept output, as its file records it. */
interface KeptRecord {
  build: string;
  key: string;
  /** Each file it was computed from, with its identity then. */
  files: [path: string, identity: string][];
  text: string;
}

const fileOf = (cache: string, output: KeptOutput) => join(cache, `${output}.json`);

/**
 * For the loader: prints the kept output and returns true when it still holds for this build,
 * key and files; else prints nothing and returns false, and the program computes the output.
 */
export function printKept(cache: string, build: string, output: KeptOutput, key: string): boolean {
  const bytes = readRegularFile(fileOf(cache, output), { mine: true });
  if (bytes === undefined) return false;
  try {
    const record = JSON.parse(bytes.toString('utf8')) as Partial<KeptRecord>;
    if (
      record.build !== build ||
      record.key !== key ||
      !Array.isArray(record.files) ||
      typeof record.text !== 'string' ||
      !PRINTABLE.test(record.text) ||
      !record.files.every(([path, of]) => stillHas(path, of))
    )
      return false;
    let written = false;
    processIo().stdout.write(record.text, (error) => (written = !error));
    return written;
  } catch {
    // A file gone, or a damaged record: the program does it all.
    return false;
  }
}

/**
 * For the loader, at exit: keeps what the program offered under the identities of the files it
 * was computed from, when each was settled when this run began (`started`, see settledAt).
 * Failing costs speed only.
 */
export function keepOffered(cache: string, build: string, output: KeptOutput, key: string, started: number): void {
  const offered = (globalThis as WithOffer)[OFFERED];
  if (!offered || (offered.key !== undefined && offered.key !== key) || !PRINTABLE.test(offered.text)) return;
  try {
    const files: KeptRecord['files'] = [];
    for (const path of offered.files) {
      const of = isAbsolute(path) ? settledIdentity(path, started) : undefined;
      if (!of) return;
      files.push([path, of]);
    }
    const record: KeptRecord = { build, key, files, text: offered.text };
    writeWhole(fileOf(cache, output), JSON.stringify(record));
  } catch {
    // Computing it next time is the only cost.
  }
}
