import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { tempDir } from '../helpers/store.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
// Colour and cursor codes start with ESC [.
const ANSI = new RegExp(String.fromCharCode(27) + '\\[');
const env = () => ({ BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-22' });

describe('backend-path (built binary)', () => {
  it('prints its version', async () => {
    const result = await runCli(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('lists every command with a description and an example in --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}plan \[options\] +make your dated week-by-week plan/m);
    expect(result.stdout).toContain('$ backend-path plan');
  });

  it('refuses an unknown command with exit 2 and a hint', async () => {
    const result = await runCli(['plna'], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'plna'/);
    expect(result.stderr).toContain('(Did you mean plan?)');
    expect(result.stdout).toBe('');
  });
});

describe('backend-path plan (built binary)', () => {
  it('prints the dated plan and saves it', async () => {
    const vars = env();
    const result = await runCli(['plan', '--track', 'node', '--hours', '10', '--start', '2026-12-07'], vars);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Backend developer, job-listing order (backend)');
    expect(result.stdout).toContain('Mon 7 Dec 2026 → Sun 25 Apr 2027');
    expect(result.stdout).toContain('200 h over 20 weeks');
    expect(result.stdout).toContain('Weeks 1–6 · Mon 7 Dec 2026 – Sun 17 Jan 2027');
    expect(result.stdout).toContain('Week 7 · Mon 18 Jan – Sun 24 Jan 2027');
    expect(result.stdout).toMatch(/Prove it: A todo API with create, read, update and delete/);
    expect(result.stdout).not.toMatch(ANSI);
    const saved = JSON.parse(readFileSync(join(vars.BACKEND_PATH_CONFIG_DIR, 'progress.json'), 'utf8'));
    expect(saved.profile).toEqual({ roadmap: { id: 'backend' }, track: 'node', hoursPerWeek: 10, start: '2026-12-07' });
  });

  it('prints only JSON with --json, in the documented shape', async () => {
    const result = await runCli(['plan', '--track', 'python', '--hours', '12', '--start', '2026-01-05', '--roadmap', 'backend-extended', '--json'], env());
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(Object.keys(plan)).toEqual(['roadmap', 'track', 'hoursPerWeek', 'start', 'finish', 'totalHours', 'stages', 'weeks']);
    expect(plan.roadmap).toEqual({ id: 'backend-extended', title: 'Backend developer, extended path', version: 1 });
    expect(plan).toMatchObject({ track: 'python', hoursPerWeek: 12, start: '2026-01-05' });
    expect(Object.keys(plan.stages[0])).toEqual(['id', 'title', 'hours', 'start', 'end', 'status']);
    expect(Object.keys(plan.weeks[0])).toEqual(['week', 'start', 'end', 'hours', 'items']);
    expect(plan.weeks[0]).toMatchObject({ week: 1, start: '2026-01-05', end: '2026-01-11', hours: 12 });
    expect(plan.totalHours).toBe(plan.stages.reduce((sum: number, s: { hours: number }) => sum + s.hours, 0));
    expect(plan.finish).toBe(plan.stages.at(-1).end);
  });

  it('never waits for input without a terminal: missing answers are a usage error', async () => {
    const vars = env();
    const result = await runCli(['plan'], vars);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No terminal to ask on, so pass --track and --hours.');
    expect(result.stdout).toBe('');
    expect(existsSync(join(vars.BACKEND_PATH_CONFIG_DIR, 'progress.json'))).toBe(false);
  });

  it.each([
    [['--hours', '0'], 'from 1 to 80; got "0"'],
    [['--hours', 'abc'], 'from 1 to 80; got "abc"'],
    [['--hours', '500'], 'from 1 to 80; got "500"'],
    [['--hours', '10', '--track', 'ruby'], 'Unknown track "ruby"'],
    [['--hours', '10', '--start', '2026-02-30'], 'got "2026-02-30"'],
    [['--hours', '10', '--roadmap', 'nope'], 'Unknown roadmap "nope"'],
    [['--hours', '10', '--roadmap', './nope.yaml'], 'does not exist'],
  ])('plan --track node %j exits 2 with one clear sentence', async (args, message) => {
    const result = await runCli(['plan', '--track', 'node', ...args], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('gives the same dates in every time zone', async () => {
    const outputs = await Promise.all(
      ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Australia/Lord_Howe', 'Europe/London'].map(async (TZ) => {
        const result = await runCli(['plan', '--track', 'node', '--hours', '9', '--start', '2026-03-01', '--json'], { ...env(), TZ });
        return result.stdout;
      }),
    );
    expect(new Set(outputs).size).toBe(1);
    expect(JSON.parse(outputs[0]!).weeks[1].start).toBe('2026-03-08');
  });

  it('colours only when asked to: FORCE_COLOR wins over a pipe', async () => {
    const result = await runCli(['plan', '--track', 'node', '--hours', '10'], { ...env(), NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(result.stdout).toMatch(ANSI);
    const plain = await runCli(['plan', '--track', 'node', '--hours', '10'], { ...env(), NO_COLOR: undefined });
    expect(plain.stdout).not.toMatch(ANSI);
  });
});
