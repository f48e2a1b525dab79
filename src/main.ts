import { main } from './cli.js';
import { processIo } from './io.js';

// The bundle's entry: runs the CLI for this process and sets its exit code. Write errors are
// reported where each write is awaited, and a closed pipe (`plan | head`) is the reader's
// choice, not a failure: these listeners keep either from crashing the process.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
void main(processIo()).then((code) => {
  process.exitCode = code;
});
