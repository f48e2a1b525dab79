import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

/** Whether `program` is on PATH and can be run. */
export function installed(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Tests that need programs a machine may lack (a shell, util-linux's `script`, PostgreSQL) run
 * where those exist; elsewhere they are reported as skipped, with the reason in their name.
 * `.ci/run` installs every one of them, so CI runs them all.
 */
export function needs(...requirements: (string | { file: string; name: string })[]) {
  const missing = requirements
    .filter((r) => (typeof r === 'string' ? !installed(r) : !existsSync(r.file)))
    .map((r) => (typeof r === 'string' ? r : r.name));
  const why = missing.length === 0 ? '' : ` [skipped: ${missing.join(', ')} not installed here; .ci/run installs it]`;
  return {
    it: (name: string, test: () => unknown, timeout?: number) =>
      (missing.length > 0 ? it.skip : it)(`${name}${why}`, test, timeout),
    describe: (name: string, body: () => void) =>
      (missing.length > 0 ? describe.skip : describe)(`${name}${why}`, body),
  };
}
