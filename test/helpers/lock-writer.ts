import { join } from 'node:path';
import { build } from 'esbuild';
import { fixture } from './paths.js';
import { tempDir } from './store.js';

/**
 * The lock writer (test/fixtures/lock-writer.ts) bundled to run as a process of its own: another
 * command that takes the progress file's lock, and with "hold" keeps it until told to save.
 */
export async function buildLockWriter(): Promise<string> {
  const writer = join(tempDir(), 'lock-writer.mjs');
  await build({
    entryPoints: [fixture('lock-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: writer,
    logLevel: 'error',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return writer;
}
