import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { COURSE } from '../helpers/paths.js';
import { runBin } from '../helpers/spawn.js';
import { tempDir } from '../helpers/store.js';

// The loader keeps the prompt line and the help (src/cli/kept.ts) and prints them without running
// the program while they still hold. These tests mark what was kept, so that a printed mark shows
// it was used and anything else shows the output was computed again.
const MARK = 'kept · mark\n';
/** Files changed shortly before a run (2 s on a whole-second clock) are not trusted to show a later change. */
const settle = () => sleep(2_100);

/** Replaces a kept output's text with `text`, leaving what it was computed from as it is. */
function markKept(file: string, text = MARK, change: object = {}): void {
  writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), text, ...change }));
}

function learner() {
  const roadmap = join(tempDir(), 'course.yaml');
  copyFileSync(COURSE, roadmap);
  const config = tempDir();
  const env = { HOME: tempDir(), XDG_CACHE_HOME: tempDir(), BACKEND_PATH_CONFIG_DIR: config };
  const kept = join(env.XDG_CACHE_HOME, 'backend-path', 'prompt-line.json');
  const line = async (extra: Record<string, string | undefined> = {}) => {
    const result = await runBin(['status', '--short'], { ...env, ...extra });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return result.stdout;
  };
  const mark = (text = MARK) => markKept(kept, text);
  const keptLine = () => (JSON.parse(readFileSync(kept, 'utf8')) as { text: string }).text;
  return { roadmap, config, env, kept, line, mark, keptLine };
}

describe('the kept prompt line', () => {
  it('is printed only for the day, the progress file, the roadmap file and the folder it was computed from', async () => {
    const { roadmap, config, env, line, mark, keptLine } = learner();
    const day = { BACKEND_PATH_TODAY: '2026-03-02' };
    expect(
      (await runBin(['plan', '--roadmap', roadmap, '--track', 'node', '--hours', '10', '--start', '2026-03-02'], env))
        .code,
    ).toBe(0);
    expect(await line(day)).toBe('language · 44d left · on track\n');
    await settle();
    expect(await line(day)).toBe('language · 44d left · on track\n');
    expect(keptLine()).toBe('language · 44d left · on track\n');
    mark();
    expect(await line(day)).toBe(MARK);

    // Another day: computed again, and kept for that day.
    expect(await line({ BACKEND_PATH_TODAY: '2026-03-04' })).toBe('language · 42d left · on track\n');
    expect(keptLine()).toBe('language · 42d left · on track\n');
    mark();
    expect(await line({ BACKEND_PATH_TODAY: '2026-03-04' })).toBe(MARK);
    expect(await line({ BACKEND_PATH_NOW: '2026-03-04T23:59:00' })).toBe(MARK);

    // The same files in another folder are another plan.
    const copy = tempDir();
    cpSync(config, copy, { recursive: true });
    expect(await line({ BACKEND_PATH_TODAY: '2026-03-04', BACKEND_PATH_CONFIG_DIR: copy })).toBe(
      'language · 42d left · on track\n',
    );

    // A kept line that would put a control character on the terminal is not used.
    mark('\u001b[2Jlanguage\n');
    expect(await line({ BACKEND_PATH_TODAY: '2026-03-04' })).toBe('language · 42d left · on track\n');

    // The learner's roadmap file changed: its hours now say the stage takes longer.
    mark();
    writeFileSync(roadmap, readFileSync(roadmap, 'utf8').replace('hours: 64', 'hours: 84'));
    expect(await line({ BACKEND_PATH_TODAY: '2026-03-04' })).toMatch(/^language · \d+d left · /);

    // A stage marked done: the line that follows is computed.
    await settle();
    expect(await line({ BACKEND_PATH_TODAY: '2026-03-04' })).not.toBe(MARK);
    mark();
    expect((await runBin(['done', 'language'], { ...env, BACKEND_PATH_TODAY: '2026-03-04' })).code).toBe(0);
    expect(await line({ BACKEND_PATH_TODAY: '2026-03-04' })).toMatch(/^http · /);
  }, 120_000);

  it("follows the learner's time zone when no date is set", async () => {
    const { env, line, mark } = learner();
    expect((await runBin(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--yes'], env)).code).toBe(
      0,
    );
    await settle();
    // Kiritimati is 14 hours ahead of UTC and Niue 11 behind: never the same date.
    const east = await line({ TZ: 'Pacific/Kiritimati' });
    mark();
    expect(await line({ TZ: 'Pacific/Kiritimati' })).toBe(MARK);
    expect(await line({ TZ: 'Pacific/Niue' })).not.toBe(MARK);
    expect(east).not.toBe(MARK);
  }, 120_000);

  it('leaves no temporary file behind when it cannot be kept', async () => {
    const { env, kept, line } = learner();
    expect((await runBin(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--yes'], env)).code).toBe(
      0,
    );
    await settle();
    // A folder in the kept file's place: the rename fails on every run.
    mkdirSync(kept, { recursive: true });
    for (let i = 0; i < 3; i++) expect(await line()).toMatch(/^language · /);
    expect(readdirSync(dirname(kept)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('is kept for a damaged progress file until the file changes', async () => {
    const { config, env, line, mark } = learner();
    const day = { BACKEND_PATH_TODAY: '2026-03-02' };
    const plan = ['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-03-02'];
    expect((await runBin(plan, { ...env, ...day })).code).toBe(0);
    const file = join(config, 'progress.json');
    const sound = readFileSync(file, 'utf8');
    writeFileSync(file, sound.replace('"2026-03-02"', '"2026-13-45"'));
    await settle();
    expect(await line(day)).toBe('backend-path: see `backend-path status`\n');
    mark();
    expect(await line(day)).toBe(MARK);
    // Mended: the line is computed from the file as it is now.
    writeFileSync(file, sound);
    expect(await line(day)).toBe('language · 44d left · on track\n');
  }, 120_000);

  it('is never kept while a study session runs, whose minutes tick', async () => {
    const { env, kept, line } = learner();
    const at = (time: string) => ({ BACKEND_PATH_NOW: `2026-03-02T${time}` });
    expect(
      (
        await runBin(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-03-02'], {
          ...env,
          ...at('09:00:00'),
        })
      ).code,
    ).toBe(0);
    expect((await runBin(['start'], { ...env, ...at('09:00:00') })).code).toBe(0);
    await settle();
    expect(await line(at('09:30:00'))).toBe('● language 0:30 · on track\n');
    expect(await line(at('10:05:00'))).toBe('● language 1:05 · on track\n');
    expect(existsSync(kept)).toBe(false);
  }, 120_000);
});

describe('the kept help', () => {
  const env = { HOME: tempDir(), XDG_CACHE_HOME: tempDir() };
  const kept = join(env.XDG_CACHE_HOME, 'backend-path', 'help.json');
  const help = async (args: string[], extra: Record<string, string> = {}) => {
    const result = await runBin(args, { ...env, ...extra });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return result.stdout;
  };

  it('is printed for the same words and width, without colour, by the same build', async () => {
    const full = await help(['--help']);
    expect(full).toMatch(/^Usage: backend-path \[options\] \[command\]\n/);
    expect(JSON.parse(readFileSync(kept, 'utf8'))).toMatchObject({ text: full });
    markKept(kept);
    expect(await help(['--help'])).toBe(MARK);
    // Other words, another width, colour asked for, another build: computed.
    expect(await help(['-h'])).toBe(full);
    markKept(kept);
    expect(await help(['-h'])).toBe(MARK);
    expect(await help(['--help'])).toBe(full);
    markKept(kept);
    const narrow = await help(['--help'], { COLUMNS: '50' });
    expect(narrow).not.toBe(MARK);
    for (const line of narrow.split('\n')) expect(line.length).toBeLessThanOrEqual(50);
    markKept(kept);
    expect(await help(['--help'], { FORCE_COLOR: '1' })).not.toBe(MARK);
    markKept(kept, MARK, { build: 'another build' });
    expect(await help(['--help'])).toBe(full);
    // A kept text that would put a control character on the terminal is not used.
    markKept(kept, `\u001b]0;title\u0007${full}`);
    expect(await help(['--help'])).toBe(full);
  });
});
