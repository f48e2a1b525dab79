import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../src/context.js';
import { ProgressStore } from '../../src/store/store.js';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'backend-path-test-'));
}

/** A command context on a fresh temporary store, on a fixed day, without a terminal. */
export function testContext(overrides: Partial<CommandContext> & { today?: string } = {}): CommandContext {
  const { today = '2026-01-05', ...rest } = overrides;
  return { store: new ProgressStore(tempDir()), clock: { today, now: `${today}T12:00:00` }, cwd: process.cwd(), interactive: false, warn: () => {}, ...rest };
}
