import { HandOver } from './everyday.js';
import { processIo, recordingStdout } from './io.js';
import { keptOutput } from './everyday-words.js';
import { offerOutput } from './kept.js';
import { main } from './run.js';

/**
 * The entry of dist/backend-path.js, the whole program, and of dist/help.js, the same program
 * without any command's code, which the loader runs for help and the version. A command that
 * reaches for code its bundle does not hold hands over, before printing anything, to the whole
 * program.
 */
declare const require: (id: string) => unknown;

const io = processIo();
// Help, printed without a terminal, is kept for the runs after this one (kept.ts).
const help = keptOutput(io.argv) === 'help' ? recordingStdout(io) : undefined;
main(help?.io ?? io).then(
  (code) => {
    process.exitCode = code;
    if (help && code === 0) offerOutput({ text: help.printed(), files: [] });
  },
  (error: unknown) => {
    if (!(error instanceof HandOver)) throw error;
    require('./backend-path.js');
  },
);
