import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYS, runInTerminal } from '../helpers/pty.js';
import { tempDir } from '../helpers/store.js';

describe('backend-path plan in a real terminal', () => {
  it('asks its questions, takes keystrokes, prints the plan and saves the profile', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    const terminal = runInTerminal(['plan'], env);
    await terminal.answer('Which roadmap?', KEYS.enter);
    await terminal.answer('Which language track?', KEYS.down, KEYS.enter);
    await terminal.answer('How many hours a week', KEYS.backspace, KEYS.backspace, '0', KEYS.enter);
    await terminal.answer('Enter a number of hours per week from 1 to 80.', KEYS.backspace, '12', KEYS.enter);
    await terminal.answer('Start date (YYYY-MM-DD)?', KEYS.enter);
    expect(await terminal.exited).toBe(0);
    const screen = terminal.screen();
    expect(screen).toContain('Python');
    expect(screen).toContain('Dates      Mon 23 Nov 2026 →');
    expect(screen).toContain('Week');
    expect(screen).toContain('Saved your plan in');
    const saved = JSON.parse(readFileSync(join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json'), 'utf8'));
    expect(saved.profile).toEqual({ roadmap: { id: 'backend' }, track: 'python', hoursPerWeek: 12, start: '2026-11-23' });
  });

  it('Ctrl-C at a question exits 130, says the plan was not changed, and saves nothing', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    const terminal = runInTerminal(['plan', '--roadmap', 'backend'], env);
    await terminal.answer('Which language track?', KEYS.ctrlC);
    expect(await terminal.exited).toBe(130);
    expect(terminal.screen()).toContain('Cancelled: your plan was not changed.');
    expect(existsSync(join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json'))).toBe(false);
  });
});
