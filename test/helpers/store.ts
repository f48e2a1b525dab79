import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { FailureError } from '../../src/errors.js';

const made: string[] = [];

// Registered when a test file first imports this helper: its folders go when the file is done.
afterAll(() => {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A folder a test made unwritable stays; the system's temporary folder is cleaned anyway.
    }
  }
});

/** A fresh temporary folder, removed when the test file is done. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backend-path-test-'));
  made.push(dir);
  return dir;
}

/**
 * The environment every spawned binary starts from: a home, config and cache folder of the test
 * file's own, so no run reads or writes the real ~/.config or ~/.cache (and compiled code is
 * still kept between a file's runs, as on a learner's machine).
 */
export function isolatedEnv(): Record<string, string> {
  isolated ??= {
    PATH: process.env.PATH ?? '',
    HOME: tempDir(),
    XDG_CONFIG_HOME: tempDir(),
    XDG_CACHE_HOME: tempDir(),
    // Where the loader keeps compiled code when the cache folder cannot be written.
    TMPDIR: tempDir(),
  };
  return isolated;
}
let isolated: Record<string, string> | undefined;

/** The FailureError `run` rejects with; the test fails if it resolves or rejects with anything else. */
export async function failure(run: () => Promise<unknown>): Promise<FailureError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(FailureError);
    return error as FailureError;
  }
  throw new Error('no error');
}
