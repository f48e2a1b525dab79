import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CancelledError } from '../../src/errors.js';
import { json, learner, run } from '../helpers/cli.js';
import { COURSE } from '../helpers/paths.js';
import { tempDir } from '../helpers/store.js';

/**
 * Every question goes through src/ui/prompts.ts, which these tests replace with scripted answers:
 * each answer is handed to the next question asked, in order, and every question is recorded.
 */
const script: {
  answers: unknown[];
  asked: { message: string; defaultValue?: unknown }[];
  choices: string[][];
  validators: ((text: string) => true | string)[];
} = vi.hoisted(() => ({ answers: [], asked: [], choices: [], validators: [] }));
vi.mock('../../src/ui/prompts.js', () => {
  const answer = (message: string, defaultValue?: unknown) => {
    script.asked.push({ message, defaultValue });
    if (script.answers.length === 0) return Promise.reject(new Error(`Unexpected question: ${message}`));
    const next = script.answers.shift();
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  return {
    askSelect: (
      message: string,
      choices: { value: unknown; name: string }[],
      _cancel: string,
      defaultValue?: unknown,
    ) => {
      script.choices.push(choices.map((choice) => choice.name));
      return answer(message, defaultValue);
    },
    askNumber: (message: string, options: { default?: number }) => answer(message, options.default),
    askText: (message: string, options: { default?: string; validate?: (text: string) => true | string }) => {
      if (options.validate) script.validators.push(options.validate);
      return answer(message, options.default);
    },
    askConfirm: (message: string, defaultAnswer: boolean) => answer(message, defaultAnswer),
    askConfirmList: (_sections: unknown, message: string) => answer(message),
  };
});

const asked = () => script.asked.map((question) => question.message);
const saved = (dir: string) => JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8'));

beforeEach(() => {
  script.answers = [];
  script.asked = [];
  script.choices = [];
  script.validators = [];
});

describe('questions on a terminal', () => {
  it('plan asks the track, the hours and the start, and saves the answers', async () => {
    const dir = tempDir();
    script.answers = ['python', 12, '2026-11-30'];
    const result = await run(['plan', '--roadmap', COURSE], { terminal: true, env: { BACKEND_PATH_CONFIG_DIR: dir } });
    expect(result.code).toBe(0);
    expect(asked()).toEqual([
      'Which language track?',
      'How many hours a week can you study?',
      'Start date (YYYY-MM-DD)?',
    ]);
    expect(saved(dir).profile).toMatchObject({ track: 'python', hoursPerWeek: 12, start: '2026-11-30' });
    // The start question's answers: a date it cannot read is shown with an example that it takes.
    const [validate] = script.validators;
    expect(validate!('2026-02-30')).toBe('Enter a real date written YYYY-MM-DD, such as today, 2026-11-23.');
    expect(validate!('2026-11-23')).toBe(true);
    expect(validate!('2020-01-01')).toMatch(/^The start date /);
  });

  it('plan asks only what the flags leave out', async () => {
    script.answers = ['2026-11-23'];
    const result = await run(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '9'], { terminal: true });
    expect(result.code).toBe(0);
    expect(asked()).toEqual(['Start date (YYYY-MM-DD)?']);
  });

  it('Ctrl-C at a question exits 130, says so, and saves nothing', async () => {
    const dir = tempDir();
    script.answers = [new CancelledError('Cancelled: your plan was not changed.')];
    const result = await run(['plan', '--roadmap', COURSE], { terminal: true, env: { BACKEND_PATH_CONFIG_DIR: dir } });
    expect([result.code, result.stderr]).toEqual([130, 'Cancelled: your plan was not changed.\n']);
    expect(existsSync(join(dir, 'progress.json'))).toBe(false);
  });

  it('plan alone into a pipe prints the saved plan without asking; to the terminal it asks to replace it', async () => {
    const dir = tempDir();
    const me = learner({ BACKEND_PATH_CONFIG_DIR: dir });
    await me(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23']);
    const before = readFileSync(join(dir, 'progress.json'), 'utf8');
    const piped = await me(['plan'], '2026-11-24', { terminal: true });
    expect(asked()).toEqual([]);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('This is your saved plan.');
    // As JSON too, on a terminal.
    const asJson = await me(['plan', '--json'], '2026-11-24', { terminal: true, columns: 80 });
    expect([asked(), json(asJson.stdout).saved]).toEqual([[], false]);
    script.answers = [false];
    const shown = await me(['plan'], '2026-11-24', { terminal: true, columns: 80 });
    expect(asked()).toEqual(['Replace it?']);
    expect(shown.stdout).toContain('This is your saved plan.');
    // With a flag it is a new plan, which asks first wherever its output goes.
    script.answers = [false];
    expect((await me(['plan', '--hours', '12'], '2026-11-24', { terminal: true })).code).toBe(0);
    expect(asked()).toEqual(['Replace it?', 'Replace it?']);
    expect(readFileSync(join(dir, 'progress.json'), 'utf8')).toBe(before);
  });

  it('replan asks first, and a no changes nothing', async () => {
    const me = learner();
    await me(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23']);
    const before = json((await me(['status', '--json'], '2026-12-20')).stdout);
    script.answers = [false];
    const refused = await me(['replan', '--hours', '5'], '2026-12-20', { terminal: true });
    expect(refused.code).toBe(0);
    expect(asked()).toEqual(['Replan?']);
    expect(json((await me(['status', '--json'], '2026-12-20')).stdout)).toEqual(before);
    script.answers = [true];
    expect((await me(['replan', '--hours', '5'], '2026-12-20', { terminal: true })).code).toBe(0);
    expect(json((await me(['status', '--json'], '2026-12-20')).stdout).hoursPerWeek).toBe(5);
  });

  it('replan without --hours asks the pace, offering the current one and a typical recent week', async () => {
    const me = learner();
    await me(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23']);
    // 6 h on the last day of each of the first two weeks: a typical week of 6 h.
    await me(['log', '6', '--date', '2026-11-29'], '2026-12-07');
    await me(['log', '6', '--date', '2026-12-06'], '2026-12-07');
    script.answers = [6, true];
    const result = await me(['replan'], '2026-12-07', { terminal: true });
    expect(result.code).toBe(0);
    expect(asked()).toEqual(['At what pace?', 'Replan?']);
    expect(script.asked[0]!.defaultValue).toBe(10);
    expect(script.choices[0]).toEqual([
      '10 h a week, as now',
      '6 h a week, what you have studied in a typical recent week',
      'Another number of hours',
    ]);
    expect(json((await me(['status', '--json'], '2026-12-07')).stdout).hoursPerWeek).toBe(6);
  });

  it('reset asks, with no as the default, and moves the file aside only on yes', async () => {
    const dir = tempDir();
    const me = learner({ BACKEND_PATH_CONFIG_DIR: dir });
    await me(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10']);
    script.answers = [false];
    expect((await me(['reset'], '2026-11-23', { terminal: true })).stdout).toBe('Nothing was reset.\n');
    expect(script.asked).toEqual([{ message: 'Forget your plan and all progress?', defaultValue: false }]);
    expect(existsSync(join(dir, 'progress.json'))).toBe(true);
    script.answers = [true];
    const reset = await me(['reset'], '2026-11-23', { terminal: true });
    expect(reset.code).toBe(0);
    expect(existsSync(join(dir, 'progress.json'))).toBe(false);
    // The way back it names works: the file moved back is the plan again.
    const file = join(dir, 'progress.json');
    const [, aside] = /moved to\s+(\S+\.bak)\n/.exec(reset.stdout)!;
    expect(reset.stdout.replace(/\s+/g, ' ')).toContain(`to undo the reset instead, move that file back to ${file}`);
    renameSync(aside!, file);
    expect(json((await me(['status', '--json'], '2026-11-23')).stdout).hoursPerWeek).toBe(10);
  });

  it('done shows the self-check and marks nothing on no', async () => {
    const me = learner();
    await me(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10']);
    script.answers = [false];
    const result = await me(['done', 'http'], '2026-11-23', { terminal: true });
    expect(result.code).toBe(0);
    expect(asked()).toEqual(['Can you honestly say yes to all of these?']);
    expect(json((await me(['status', '--json'])).stdout).progress.done).toBe(0);
  });
});
