import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { binPath, COURSE, fixture } from '../helpers/paths.js';
import { needs } from '../helpers/programs.js';
import { KEYS, runInTerminal } from '../helpers/pty.js';
import { tempDir } from '../helpers/store.js';

const ONE_CHECK = fixture('roadmaps/one-check.yaml');
const saved = (dir: string) => JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8'));

// util-linux `script` gives the program a real pseudo-terminal.
needs('script').describe('backend-path in a real terminal', () => {
  it('asks three questions, takes keystrokes, prints the plan and saves it', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    const terminal = runInTerminal(`$BIN plan --roadmap ${COURSE}`, env);
    await terminal.answer('Which language track?', KEYS.down, KEYS.enter);
    await terminal.answer('How many hours a week', KEYS.backspace, KEYS.backspace, '0', KEYS.enter);
    await terminal.answer('Enter a number of hours a week from 1 to 80', KEYS.backspace, '12', KEYS.enter);
    await terminal.answer('Start date (YYYY-MM-DD)?', KEYS.enter);
    expect(await terminal.exited).toBe(0);
    expect(terminal.screen()).not.toContain('Which roadmap?');
    expect(terminal.screen()).toContain('Dates      Mon 23 Nov 2026 →');
    expect(saved(env.BACKEND_PATH_CONFIG_DIR).profile).toEqual({
      roadmap: { id: 'course', file: COURSE, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      track: 'python',
      hoursPerWeek: 12,
      start: '2026-11-23',
    });
  });

  it('wraps its complaint about an answer by words on a narrow terminal', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    const terminal = runInTerminal(`$BIN plan --roadmap ${COURSE}`, env, 40);
    await terminal.answer('Which language track?', KEYS.enter);
    await terminal.answer('How many hours a week', 'abc', KEYS.enter);
    await terminal.answer('7.5 or 7.5h.', KEYS.ctrlC);
    expect(await terminal.exited).toBe(130);
    const screen = terminal.screen();
    const start = screen.indexOf('> Enter a number');
    const complaint = screen.slice(start, screen.indexOf('7.5h.', start) + 5).split(/\r?\n/);
    expect(complaint.join(' ')).toBe(
      '> Enter a number of hours a week from 1 to 80, with at most two decimals, like 10, 7.5 or 7.5h.',
    );
    for (const line of complaint) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('asks nothing with --yes, even on a terminal', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    const terminal = runInTerminal(
      `$BIN plan --roadmap ${COURSE} --track node --hours 10 --start 2026-11-23 --yes`,
      env,
    );
    expect(await terminal.exited).toBe(0);
    expect(terminal.screen()).not.toMatch(/\?/);
    expect(existsSync(join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json'))).toBe(true);
  });

  it('shows a check at work while the server takes its time, and Ctrl-C then ends it with the cursor back', async () => {
    // A server that never answers: the check waits on it.
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
      const plan = `$BIN plan --roadmap ${ONE_CHECK} --track node --hours 10 --yes`;
      expect(await runInTerminal(plan, env).exited).toBe(0);
      const { port } = server.address() as AddressInfo;
      const terminal = runInTerminal(`$BIN check s1 --url http://127.0.0.1:${port}`, env);
      await terminal.answer('Checking s1…', KEYS.ctrlC);
      expect(await terminal.exited).toBe(130);
      expect(terminal.raw()).toContain('\u001b[?25l');
      expect(terminal.raw().lastIndexOf('\u001b[?25h')).toBeGreaterThan(terminal.raw().lastIndexOf('\u001b[?25l'));
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('a no to time on a done stage changes nothing and is no error (exit 0), as a no to done is', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    const setUp = `$BIN plan --roadmap ${COURSE} --track node --hours 10 --yes && $BIN done language --yes`;
    expect(await runInTerminal(setUp, env).exited).toBe(0);
    const before = readFileSync(join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json'), 'utf8');
    const terminal = runInTerminal('$BIN log 1 --stage language', env);
    await terminal.answer('Log time on it anyway?', 'n', KEYS.enter);
    expect(await terminal.exited).toBe(0);
    expect(terminal.screen()).toContain('Nothing was changed.');
    expect(terminal.screen()).not.toContain('Error');
    expect(readFileSync(join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json'), 'utf8')).toBe(before);
    // With --json, a script still gets one document saying so.
    const json = runInTerminal('$BIN log 1 --stage language --json 2>/dev/null', env);
    await json.answer('Log time on it anyway?', 'n', KEYS.enter);
    expect(await json.exited).toBe(0);
    const screen = json.screen();
    expect(JSON.parse(screen.slice(screen.indexOf('{')))).toEqual({ declined: true, message: 'Nothing was changed.' });
  });

  it('asks "replace your plan?" first, then pre-selects the saved answers', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    expect(await runInTerminal(`$BIN plan --roadmap ${COURSE} --track python --hours 7 --yes`, env).exited).toBe(0);
    const terminal = runInTerminal(`$BIN plan --roadmap ${COURSE}`, env);
    await terminal.answer('Replace it?', 'y', KEYS.enter);
    await terminal.answer('Which language track?', KEYS.enter);
    await terminal.answer('How many hours a week', KEYS.enter);
    await terminal.answer('Start date', KEYS.enter);
    expect(await terminal.exited).toBe(0);
    expect(saved(env.BACKEND_PATH_CONFIG_DIR).profile).toMatchObject({ track: 'python', hoursPerWeek: 7 });
  });

  it('asks on the terminal when stdout is a file, and the file holds only the plan', async () => {
    const dir = tempDir();
    const env = { BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: '2026-11-23' };
    const terminal = runInTerminal(`$BIN plan --roadmap ${COURSE} > ${join(dir, 'plan.txt')}`, env);
    await terminal.answer('Which language track?', KEYS.enter);
    await terminal.answer('How many hours a week', KEYS.enter);
    await terminal.answer('Start date', KEYS.enter);
    expect(await terminal.exited).toBe(0);
    const text = readFileSync(join(dir, 'plan.txt'), 'utf8');
    expect(text).toMatch(/^Test course: nine stages/);
    expect(text).not.toContain('Which language track?');
  });

  it('shows the self-check before marking a stage done, and keeps it todo on no', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    expect(await runInTerminal(`$BIN plan --roadmap ${COURSE} --track node --hours 10 --yes`, env).exited).toBe(0);
    const terminal = runInTerminal('$BIN done http', env);
    await terminal.answer('Can you honestly say yes to all of these?', 'n', KEYS.enter);
    expect(await terminal.exited).toBe(0);
    expect(terminal.screen()).toContain('I can do the first thing.');
    expect(terminal.screen()).toContain('Not marked done.');
    expect(saved(env.BACKEND_PATH_CONFIG_DIR).progress).toEqual({});
  });

  it('Ctrl-C at a question of the first plan exits 130, says no plan was made, and saves nothing', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    const terminal = runInTerminal(`$BIN plan --roadmap ${COURSE}`, env);
    await terminal.answer('Which language track?', KEYS.ctrlC);
    expect(await terminal.exited).toBe(130);
    expect(terminal.screen()).toContain('Cancelled: no plan was made.');
    expect(existsSync(join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json'))).toBe(false);
    // Over a plan, the same key leaves that plan as it was, and says so.
    expect(await runInTerminal(`$BIN plan --roadmap ${COURSE} --track node --hours 10 --yes`, env).exited).toBe(0);
    const before = readFileSync(join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json'), 'utf8');
    const again = runInTerminal(`$BIN plan --roadmap ${COURSE} --track node`, env);
    await again.answer('Replace it?', 'y', KEYS.enter);
    await again.answer('How many hours a week can you study?', KEYS.ctrlC);
    expect(await again.exited).toBe(130);
    expect(again.screen()).toContain('Cancelled: your plan was not changed.');
    expect(readFileSync(join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json'), 'utf8')).toBe(before);
  });

  it.each([
    ['Ctrl-C', KEYS.ctrlC, 130, 'Cancelled: nothing was saved.'],
    ['SIGTERM', 'SIGTERM', 143, 'Stopped: nothing was saved.'],
  ])('%s while waiting for another command ends the command at once, saving nothing', async (_how, key, code, said) => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    expect(await runInTerminal(`$BIN plan --roadmap ${COURSE} --track node --hours 10 --yes`, env).exited).toBe(0);
    const before = readFileSync(join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json'), 'utf8');
    // Another command holds the lock, freshly: it would go stale (and be taken over) only after 10 s.
    const lock = join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json.lock');
    mkdirSync(lock);
    writeFileSync(join(lock, `1-abcdef@${Date.now()}`), '');
    const terminal = runInTerminal('echo "pid $$"; exec $BIN log 1', env);
    if (key === 'SIGTERM') {
      await terminal.answer('Waiting for another backend-path command');
      process.kill(Number(/pid (\d+)/.exec(terminal.screen())![1]), 'SIGTERM');
    } else await terminal.answer('Waiting for another backend-path command', key);
    expect(await terminal.exited).toBe(code);
    expect(terminal.screen()).toContain(said);
    expect(readFileSync(join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json'), 'utf8')).toBe(before);
    expect(terminal.raw().lastIndexOf('\u001b[?25h')).toBeGreaterThan(terminal.raw().lastIndexOf('\u001b[?25l'));
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('a %s sent while a question is open cancels it and shows the cursor again', async (signal, code) => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    const terminal = runInTerminal(`echo "pid $$"; exec $BIN plan --roadmap ${COURSE}`, env);
    await terminal.answer('Which language track?');
    process.kill(Number(/pid (\d+)/.exec(terminal.screen())![1]), signal);
    expect(await terminal.exited).toBe(code);
    expect(terminal.screen()).toContain('Cancelled: no plan was made.');
    expect(terminal.raw()).toContain('\u001b[?25l');
    expect(terminal.raw().lastIndexOf('\u001b[?25h')).toBeGreaterThan(terminal.raw().lastIndexOf('\u001b[?25l'));
    expect(existsSync(join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json'))).toBe(false);
  });

  it("shows help at the terminal's width, whatever help was kept for a pipe", async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir() };
    // The second run without a terminal prints the help kept by the first (src/cli/kept.ts).
    expect(await runInTerminal('$BIN --help > /dev/null && $BIN --help | cat > /dev/null', env).exited).toBe(0);
    const terminal = runInTerminal('$BIN --help', env, 40);
    expect(await terminal.exited).toBe(0);
    expect(terminal.screen()).toContain('Examples:');
    // The examples name the program as it runs here (`node <path>` before it is on PATH): only
    // that path may run longer, as a path may. With the bare command on PATH, every line fits.
    for (const line of terminal.screen().split('\n'))
      if (line.length > 40) expect(line).toContain(realpathSync(binPath));
    const bin = tempDir();
    symlinkSync(binPath, join(bin, 'backend-path'));
    const onPath = runInTerminal('$BIN --help', { ...env, PATH: `${bin}:${process.env.PATH}` }, 40);
    expect(await onPath.exited).toBe(0);
    expect(onPath.screen()).toContain('$ backend-path next');
    for (const line of onPath.screen().split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });

  it.each([40, 200])('fits %i columns on a real terminal, with clickable or own-line links', async (columns) => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    expect(await runInTerminal(`$BIN plan --roadmap ${COURSE} --track node --hours 10 --yes`, env).exited).toBe(0);
    const terminal = runInTerminal('$BIN next', env, columns);
    expect(await terminal.exited).toBe(0);
    for (const line of terminal.screen().split('\n'))
      if (line.length > Math.min(columns, 100)) expect(line.trim()).not.toMatch(/\s/);
  });
});
