import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // The shell completion scripts are imported as text, as the build's esbuild text loader does.
  plugins: [
    {
      name: 'shell-scripts-as-text',
      transform: (code, id) => (/\.(bash|zsh)$/.test(id) ? `export default ${JSON.stringify(code)};` : undefined),
    },
  ],
  define: { __BUNDLED__: 'false', __VERSION__: JSON.stringify(pkg.version) },
  test: {
    include: ['test/**/*.test.ts'],
    // The end-to-end suites spawn dist/: it is built once, before any suite runs.
    globalSetup: ['test/helpers/build.ts'],
    // A guard against a hang, not a speed limit: shared machines run several times slower under load.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/helpers/skipped-reporter.ts'],
    // Several suites mostly wait (on a stale lock, a silent server, a terminal): more workers
    // than cores keeps the waiting in parallel.
    maxWorkers: 4,
  },
});
