import { HandOver, runEveryday, settle } from './everyday.js';
import { processIo } from './io.js';

/**
 * The everyday bundle's entry (dist/everyday.js), which the loader runs for the everyday reads
 * only: it holds their code and not the rest of the program, so the reads a learner runs many
 * times a day load half the code. The one case it cannot answer, the bare command without a
 * plan (whose welcome lists every command), it hands to the whole program before printing
 * anything.
 */
declare const require: (id: string) => unknown;

settle(processIo(), async (io) => {
  if (!(await runEveryday(io, () => Promise.reject(new HandOver())))) throw new HandOver();
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (!(error instanceof HandOver)) throw error;
    require('./backend-path.js');
  },
);
