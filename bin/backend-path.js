#!/usr/bin/env node
// The command: one require of the built loader (dist/cli.js), which keeps compiled code between
// runs. In a clone that was never built, say how to build it instead of printing a stack trace.
const { join } = require('node:path');

const loader = join(__dirname, '..', 'dist', 'cli.js');
try {
  require(loader);
} catch (error) {
  if (error?.code !== 'MODULE_NOT_FOUND' || !String(error.message).includes(loader)) throw error;
  process.stderr.write(
    `Error: backend-path is not built yet (${loader} is missing).\n` +
      `Run \`npm install\` (or \`npm run build\`) in ${join(__dirname, '..')} and try again.\n`,
  );
  process.exitCode = 1;
}
