import { COURSE } from '../helpers/paths.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'fast-string-width';
import { describe, expect, it } from 'vitest';
import { json, learner, run } from '../helpers/cli.js';
import { tempDir } from '../helpers/store.js';

const DOCUMENTED = join(import.meta.dirname, '../fixtures/roadmaps/documented.yaml');
const PLAN = ['plan', '--roadmap', COURSE, '--track', 'python', '--hours', '10', '--start', '2026-11-23'];
// Escape, C0 and C1 controls, bidi overrides and isolates, zero-width characters, line separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this test.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]/u;

async function journey(dir: string) {
  const me = learner({ BACKEND_PATH_CONFIG_DIR: dir });
  await me(PLAN);
  await me(['done', 'language'], '2027-01-10');
  await me(['log', '2'], '2027-01-12');
  await me(
    ['note', 'http', 'Read MDN; status codes still fuzzy, especially 401 versus 403 and redirects'],
    '2027-01-12',
  );
  return me;
}

describe('every line fits the terminal', () => {
  it.each([40, 80, 200])(
    'at %i columns, words and dates are never cut and only a lone URL or path overflows',
    async (columns) => {
      const me = await journey(tempDir());
      // Prose keeps to 100 columns; the stage table may use a wide terminal's, up to 160.
      const limitFor = (line: string) => Math.min(columns, /^ ?\d{1,2} \S /.test(line) ? 160 : 100);
      for (const command of [
        PLAN,
        ['next'],
        ['status'],
        ['roadmaps', 'show', 'backend-extended'],
        [],
        ['replan', '--yes'],
        ['done', 'http'],
        ['log', '1'],
        ['--help'],
        ['log', '--help'],
      ]) {
        const { stdout } = await me(command, '2027-01-15', { columns });
        for (const line of stdout.split('\n')) {
          if (stringWidth(line) > limitFor(line))
            expect(line.trim(), `${command.join(' ')} at ${columns}: ${line}`).not.toMatch(/\s/);
        }
        expect(stdout, command.join(' ')).not.toMatch(/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2}\n|\d+ da\n|ov\nerdue/);
      }
    },
  );

  it('welcomes a newcomer with every command, its text under its name on a narrow terminal', async () => {
    const welcome = (await learner()([], '2027-01-15', { columns: 40 })).stdout;
    for (const line of welcome.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(40);
    expect(welcome).toContain('  check [options] <stage>\n      check a stage');
    // An example wider than the terminal continues with a backslash, so it pastes as one command.
    const help = (await run(['--help'], { columns: 40 })).stdout;
    expect(help).toContain('  $ backend-path plan --track python \\\n      --hours 8 --yes');
  });

  it('hangs each thing a check looks at under its bullet on a narrow terminal', async () => {
    const me = learner();
    await me(['plan', '--roadmap', DOCUMENTED, '--track', 'node', '--hours', '8', '--start', '2026-11-23']);
    const next = (await me(['next'], '2026-11-23', { columns: 40 })).stdout;
    const rows = next.slice(next.indexOf('It looks at:')).split('\n');
    expect(rows.slice(1, 4)).toEqual([
      "  • your API's OpenAPI document (or",
      '    --spec): an OpenAPI document that',
      '    validates; it describes the todo',
    ]);
  });

  it('shows long stage titles whole in the stage table of a wide terminal, and cut on a narrow one', async () => {
    const file = join(tempDir(), 'long.yaml');
    const title = 'Deployment that lasts through the whole of the job hunt';
    writeFileSync(
      file,
      `id: long\ntitle: Long titles\ntracks: {node: {title: Node.js}}\nstages:\n  - {id: deploy, title: ${title}, hours: 7}\n  - {id: other, title: Other, hours: 7}\n`,
    );
    const me = learner();
    await me(['plan', '--roadmap', file, '--track', 'node', '--hours', '7', '--start', '2026-11-23']);
    expect((await me(['status'], '2026-11-23', { columns: 200 })).stdout).toContain(`deploy ${title} `);
    const narrow = (await me(['status'], '2026-11-23', { columns: 80 })).stdout;
    expect(narrow).toContain('deploy Deployment that lasts');
    expect(narrow).not.toContain(title);
  });

  it('keeps the prompt line within 60 characters, and prints an empty line without a plan', async () => {
    const me = await journey(tempDir());
    const line = (await me(['status', '--short'], '2027-02-20')).stdout;
    expect(line).toMatch(/^http · overdue · \d+d behind\n$/);
    expect(stringWidth(line.trim())).toBeLessThanOrEqual(60);
    expect(await run(['status', '--short'])).toEqual({ code: 0, stdout: '\n', stderr: '' });
    const lost = await run(['status', '--short'], { env: { BACKEND_PATH_CONFIG_DIR: undefined, HOME: '' } });
    expect(lost).toEqual({ code: 0, stdout: 'backend-path: see `backend-path status`\n', stderr: '' });
  });
});

describe('the prompt line, whatever is broken', () => {
  const ONE_LINE = { code: 0, stdout: 'backend-path: see `backend-path status`\n', stderr: '' };

  it.each([
    ['a syntax error in the progress file', (text: string) => text.replace('"profile"', '"profile" 1')],
    ['a bad value', (text: string) => text.replace('"hoursPerWeek": 10', '"hoursPerWeek": "ten"')],
    ['a key written twice', (text: string) => text.replace('"track": "python"', '"track": "python", "track": "node"')],
    ['a list where the file should be an object', () => '[]'],
  ])('prints one line and exits 0 for %s, where status explains it', async (_what, damage) => {
    const dir = tempDir();
    const me = learner({ BACKEND_PATH_CONFIG_DIR: dir });
    await me(PLAN);
    const file = join(dir, 'progress.json');
    writeFileSync(file, damage(readFileSync(file, 'utf8').replace(/\t/g, ' ')));
    expect(await me(['status', '--short'])).toEqual(ONE_LINE);
    const full = await me(['status']);
    expect(full.code).toBe(1);
    expect(full.stderr).toContain(`${file}`);
  });

  it("prints one line and exits 0 when the plan's own roadmap file has a YAML typo", async () => {
    const dir = tempDir();
    const roadmap = join(dir, 'course.yaml');
    writeFileSync(roadmap, readFileSync(COURSE, 'utf8'));
    const me = learner({ BACKEND_PATH_CONFIG_DIR: dir });
    expect((await me([...PLAN.slice(0, 2), roadmap, ...PLAN.slice(3)])).code).toBe(0);
    writeFileSync(roadmap, `${readFileSync(roadmap, 'utf8')}\n  bad: [unclosed\n`);
    expect(await me(['status', '--short'])).toEqual(ONE_LINE);
    expect(json((await me(['status', '--short', '--json'])).stdout).problem).toContain(
      `${roadmap} is not a valid roadmap`,
    );
  });

  it('prints one line and exits 0 when the clock variables are wrong', async () => {
    expect(await run(['status', '--short'], { env: { BACKEND_PATH_NOW: 'yesterday' } })).toEqual(ONE_LINE);
  });
});

describe('messages about what was typed', () => {
  const long = 'x'.repeat(100_000);

  it.each([
    [['completion', long], 2],
    [['export', '--format', long], 2],
    [['next', `--${long}`], 2],
    [[long], 2],
    [['roadmaps', 'validate', long], 1],
  ])('cut a 100,000-character argument to a readable length: %#', async (args, code) => {
    const result = await run(args as string[]);
    expect(result.code).toBe(code);
    expect(result.stderr.length).toBeLessThan(500);
    expect(result.stderr).toMatch(/x{40}…x{30}/);
  });

  it('refuse a progress folder where no folder can be made, at once and in words', async () => {
    const refused = await run(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--yes'], {
      env: { BACKEND_PATH_CONFIG_DIR: '/proc/self/backend-path' },
    });
    expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([
      1,
      'Error: Cannot create the folder /proc/self/backend-path for your progress: that part of the file system takes no new folders.',
    ]);
    const here = await run(['log', '1'], { env: { BACKEND_PATH_CONFIG_DIR: '/proc/self' } });
    expect(here.code).toBe(1);
  });
});

describe('text that reaches the terminal', () => {
  it('never carries control, bidi or invisible characters, whatever the progress file holds', async () => {
    const dir = tempDir();
    const me = await journey(dir);
    const file = join(dir, 'progress.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.notes.http[0].text =
      'evil\u001b]0;pwned\u0007 \u001b[2J\u009b31m\u202eright-to-left\u2066 zero\u200bwidth\u2028next';
    writeFileSync(file, JSON.stringify(data));
    for (const command of [['status'], ['next'], ['export', '--format', 'md'], []]) {
      const { stdout, stderr } = await me(command, '2027-01-15');
      expect(stdout + stderr, command.join(' ')).not.toMatch(UNSAFE);
    }
    const raw = (await me(['status', '--json'], '2027-01-15')).stdout;
    expect(raw).not.toMatch(UNSAFE);
    expect(json(raw).stages[1].notes[0].text).toContain('\u202eright-to-left');
  });

  it('cleans what the learner types before echoing it in an error', async () => {
    const me = await journey(tempDir());
    for (const command of [
      ['done', 'x\u001b[31mred\u202e'],
      ['log', '\u009b2J'],
      ['plan', '--roadmap', COURSE, '--track', '\u001b]8;;http://x\u0007y'],
    ]) {
      const { code, stderr } = await me(command, '2027-01-15');
      expect(code).toBe(2);
      expect(stderr).not.toMatch(UNSAFE);
    }
  });

  it('says a command named after help is unknown, as it says of the word alone, and prints no help', async () => {
    for (const words of [['nope'], ['help', 'nope']]) {
      const { code, stdout, stderr } = await run(words);
      expect([code, stdout]).toEqual([2, '']);
      expect(stderr.split('\n').slice(0, 2)).toEqual(["Error: unknown command 'nope'", '(Did you mean note?)']);
    }
    const known = await run(['help', 'note']);
    expect([known.code, known.stdout.split('\n')[0]]).toEqual([0, expect.stringContaining('Usage: backend-path note')]);
  });

  it('has no colour with NO_COLOR or without a terminal, and colour when forced', async () => {
    const me = await journey(tempDir());
    expect((await me(['status'], '2027-01-15', { columns: 80 })).stdout).not.toContain('\u001b[');
    expect((await me(['status'], '2027-01-15', { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).toContain(
      '\u001b[',
    );
  });
});

describe('the first run and every day', () => {
  it('greets a new learner and points to plan, then the command list', async () => {
    const { code, stdout } = await run([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Welcome to backend-path/);
    expect(stdout).toContain('`backend-path plan`');
    expect(stdout).toContain('Commands:');
  });

  it("shows today's essentials and one next command once there is a plan", async () => {
    const me = await journey(tempDir());
    const { stdout } = await me([], '2027-01-15');
    expect(stdout).toMatch(/^Now: 2\. How HTTP works · past its planned end, Sun 10 Jan · 4 h to go/);
    expect(stdout).toContain('Effort: this week 2 h of 10 h');
    expect(stdout).toMatch(/Next: `backend-path (start http|replan[^`]*)`/);
    expect(json((await me(['--json'], '2027-01-15')).stdout)).toMatchObject({ plan: true, stage: { id: 'http' } });
  });

  it('prints every suggested command in the form that works where it ran', async () => {
    // Installed by npx from the registry: `npx backend-path` finds it again from any folder.
    const script = '/home/u/.npm/_npx/5eec080bf95e7d97/node_modules/.bin/backend-path';
    const npx = await run(PLAN, { env: { npm_command: 'exec' }, script });
    expect(npx.stdout).toContain('Next: run `npx backend-path next`');
    expect(npx.stdout).not.toMatch(/`backend-path /);
    const usage = await run(['plan'], { env: { npm_command: 'exec' }, script });
    expect(usage.stderr).toContain('`npx backend-path plan --track node');
    // A clone, run by node from anywhere: the absolute path to its script.
    const clone = await run(['next'], { script: '/src/backend-path/bin/backend-path.js', env: { PATH: '/nowhere' } });
    expect(clone.stderr).toContain('Run `node /src/backend-path/bin/backend-path.js plan` to make one.');
  });
});
