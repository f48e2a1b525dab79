import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../src/commands/context.js';
import { ProgressStore } from '../../src/store/store.js';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'backend-path-test-'));
}

/** A command context on a fresh temporary store. */
export function testContext(overrides: Partial<CommandContext> = {}): CommandContext {
  return { store: new ProgressStore(tempDir()), today: '2026-01-05', interactive: false, warn: () => {}, ...overrides };
}
