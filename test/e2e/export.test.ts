import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/store.js';

async function planned(extra: string[] = []) {
  const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-01-05' };
  const result = await runCli(['plan', '--track', 'node', '--hours', '10', '--start', '2026-01-05', ...extra], env);
  expect(result.code).toBe(0);
  return env;
}

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => ({ vevent, event: new ICAL.Event(vevent) }));
}

describe('export', () => {
  it('ics: one all-day event per remaining stage over its window, parsed back by ical.js', async () => {
    const env = await planned();
    await runCli(['done', 'language'], env);
    await runCli(['note', 'http', 'Read the MDN overview twice'], env);
    const result = await runCli(['export', '--format', 'ics'], env);
    expect(result.code).toBe(0);
    const parsed = events(result.stdout);
    expect(parsed).toHaveLength(8);
    const http = parsed[0]!.event;
    expect(http.summary).toBe('How HTTP works');
    expect(http.startDate.isDate).toBe(true);
    expect(http.startDate.toString()).toBe('2026-02-16');
    // DTEND is exclusive: the stage's last day is Sunday 22 February.
    expect(http.endDate.toString()).toBe('2026-02-23');
    expect(http.uid).toBe('http.backend@backend-path');
    expect(http.description).toContain('Topics: Methods - GET, POST, PUT, PATCH, DELETE');
    expect(http.description).toContain('Project: Call three public APIs with curl');
    expect(http.description).toContain('https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Overview');
    expect(http.description).toContain('Read the MDN overview twice');
    expect(parsed.at(-1)!.event.endDate.toString()).toBe('2026-05-25');
  });

  it('ics: the same UIDs on every export, so a re-import updates', async () => {
    const env = await planned();
    const uids = async () => events((await runCli(['export', '--format', 'ics'], env)).stdout).map((e) => e.event.uid);
    expect(await uids()).toEqual(await uids());
  });

  it('ics --sessions adds a weekly study session with a reminder', async () => {
    const env = await planned();
    const parsed = events((await runCli(['export', '--format', 'ics', '--sessions', '--session-time', '19:30'], env)).stdout);
    const sessions = parsed.filter((e) => e.event.summary.startsWith('Study:'));
    expect(sessions).toHaveLength(20);
    expect(sessions[0]!.event.startDate.toString()).toBe('2026-01-05T19:30:00');
    expect(sessions[1]!.event.startDate.toString()).toBe('2026-01-12T19:30:00');
    expect(sessions[0]!.vevent.getAllSubcomponents('valarm')).toHaveLength(1);
    expect(sessions[0]!.vevent.getFirstSubcomponent('valarm')!.getFirstPropertyValue('action')).toBe('DISPLAY');
  });

  it('md: header, a table of stages with dates and status, and the weeks', async () => {
    const env = await planned();
    await runCli(['done', '1', '--date', '2026-01-05'], env);
    const result = await runCli(['export', '--format', 'md'], env);
    expect(result.stdout).toContain('# My backend learning plan');
    expect(result.stdout).toContain('| # | Stage | Hours | Dates | Status |');
    expect(result.stdout).toContain('| 1 | One language, properly | 60 | Mon 5 Jan 2026 – Sun 15 Feb 2026 | done 2026-01-05 |');
    expect(result.stdout).toContain('| 2 | How HTTP works | 10 | Mon 16 Feb 2026 – Sun 22 Feb 2026 | to do |');
    expect(result.stdout).toContain('- **Week 20** (Mon 18 May 2026 – Sun 24 May 2026): Portfolio and applying (10 h)');
  });

  it('json: the plan --json document, with statuses', async () => {
    const env = await planned();
    const plan = JSON.parse((await runCli(['plan', '--track', 'node', '--hours', '10', '--start', '2026-01-05', '--json'], env)).stdout);
    await runCli(['done', 'http'], env);
    const exported = JSON.parse((await runCli(['export', '--format', 'json'], env)).stdout);
    expect(exported.weeks).toEqual(plan.weeks);
    expect(exported.stages.map((s: { status: string }) => s.status)).toEqual(['todo', 'done', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo']);
  });

  it('-o writes the file and leaves stdout empty', async () => {
    const env = await planned();
    const file = join(tempDir(), 'plan.ics');
    const result = await runCli(['export', '--format', 'ics', '-o', file], env);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(events(readFileSync(file, 'utf8'))).toHaveLength(9);
  });

  it('refuses -o into a folder that does not exist instead of creating it', async () => {
    const missing = join(tempDir(), 'no-such-folder', 'plan.md');
    const result = await runCli(['export', '--format', 'md', '-o', missing], await planned());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such-folder does not exist');
    expect(existsSync(join(missing, '..'))).toBe(false);
  });

  it.each([[['--format', 'pdf'], 'Unknown format "pdf"'], [[], 'Choose a format'], [['--format', 'ics', '--session-time', '25:00'], '--session-time must be']])(
    'export %j is a usage error',
    async (args, message) => {
      const result = await runCli(['export', ...args], await planned());
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    },
  );
});

describe('roadmap tooling', () => {
  it('lists the built-ins with stages and hours per track', async () => {
    const list = JSON.parse((await runCli(['roadmaps', '--json'])).stdout);
    expect(list).toEqual([
      { id: 'backend', title: 'Backend developer, job-listing order', stages: 9, hours: { node: 200, python: 200 } },
      expect.objectContaining({ id: 'backend-extended', stages: 17 }),
    ]);
    expect((await runCli(['roadmaps'])).stdout).toContain('backend-extended  Backend developer, extended path');
  });

  it('shows a roadmap for a track without making a plan', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir() };
    const result = await runCli(['roadmaps', 'show', 'backend', '--track', 'python'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('FastAPI - in 51% of Python jobs');
    expect((await runCli(['status'], env)).code).toBe(1);
  });

  it('validate: exit 0 with a summary, or exit 1 with every problem located', async () => {
    const ok = await runCli(['roadmaps', 'validate', fixture('roadmaps/valid.yaml')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/valid\.yaml is a valid roadmap: 2 stages, node 8 h, python 9 h\.\n$/);
    const bad = await runCli(['roadmaps', 'validate', fixture('roadmaps/missing-fields.yaml')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout.match(/missing-fields\.yaml:\d+:\d+ /g)).toHaveLength(5);
    expect(bad.stdout).toContain('5 problems');
  });

  it('prints roadmap texts without escape sequences', async () => {
    const result = await runCli(['roadmaps', 'show', fixture('roadmaps/hostile-text.yaml')], { FORCE_COLOR: '0' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Sneaky roadmap');
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).not.toContain('\u0007');
  });

  it('re-plans once, with a warning, when a custom roadmap file changes', async () => {
    const dir = tempDir();
    const file = join(dir, 'mine.yaml');
    copyFileSync(fixture('roadmaps/valid.yaml'), file);
    const env = { BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: '2026-01-05' };
    expect((await runCli(['plan', '--track', 'node', '--hours', '7', '--roadmap', file], env)).code).toBe(0);
    await runCli(['done', 'first'], env);
    writeFileSync(file, readFileSync(file, 'utf8').replace('hours: {node: 3, python: 4}', 'hours: {node: 14, python: 4}'));
    const later = { ...env, BACKEND_PATH_TODAY: '2026-01-10' };
    const first = await runCli(['status', '--json'], later);
    expect(first.stderr).toContain('changed since your plan was made');
    const status = JSON.parse(first.stdout);
    expect(status).toMatchObject({ done: 1, baselineFinish: '2026-01-23', totalHours: 19 });
    const second = await runCli(['status'], later);
    expect(second.stderr).toBe('');
  });
});

describe('completion', () => {
  it.each(['bash', 'zsh', 'fish'])('%s: names the commands and flags and completes stage ids from the plan', async (shell) => {
    const env = await planned();
    const script = await runCli(['completion', shell], env);
    expect(script.code).toBe(0);
    for (const word of ['plan', 'next', 'done', 'export', 'roadmaps', 'track', 'format']) expect(script.stdout).toContain(word);
    expect(script.stdout).toContain('backend-path completion --stages');
    const stages = await runCli(['completion', '--stages'], env);
    expect(stages.stdout.split('\n').filter(Boolean)).toEqual(['language', 'http', 'rest-api', 'sql-postgres', 'orm', 'auth', 'deploy', 'testing', 'portfolio']);
  });

  it('bash: the script is valid bash and completes a stage id', async () => {
    const env = await planned();
    const dir = tempDir();
    const script = join(dir, 'complete.bash');
    writeFileSync(script, (await runCli(['completion', 'bash'], env)).stdout);
    // A stand-in `backend-path` on PATH answers the script's stage-id query like the real one.
    writeFileSync(join(dir, 'backend-path'), `#!/bin/sh\nexec "${process.execPath}" "${join(process.cwd(), 'bin/backend-path.js')}" "$@"\n`, { mode: 0o755 });
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync('bash', ['-c', `source ${script}; COMP_WORDS=(backend-path done sql); COMP_CWORD=2; _backend_path; echo "\${COMPREPLY[@]}"`], {
      env: { ...process.env, ...env, PATH: `${dir}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('sql-postgres');
  });
});
