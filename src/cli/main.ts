import { main } from './run.js';
import { processIo } from './io.js';

// The bundle's entry: runs the CLI for this process and sets its exit code.
void main(processIo()).then((code) => {
  process.exitCode = code;
});
