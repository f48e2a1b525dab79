import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** vitest global setup: builds dist/ once, so no suite can test a stale bundle. */
export default function setup(): void {
  if (process.env.BACKEND_PATH_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/build.mjs', import.meta.url))], {
    stdio: 'inherit',
  });
}
