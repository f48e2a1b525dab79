import { HandOver } from './everyday.js';
import { processIo } from './io.js';
import { main } from './run.js';

/**
 * The entry of dist/backend-path.js, the whole program, and of dist/help.js, the same program
 * without any command's code, which the loader runs for help and the version. A command that
 * reaches for code its bundle does not hold hands over, before printing anything, to the whole
 * program.
 */
declare const require: (id: string) => unknown;

main(processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (!(error instanceof HandOver)) throw error;
    require('./backend-path.js');
  },
);
