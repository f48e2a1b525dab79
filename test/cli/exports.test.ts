import { COURSE } from '../helpers/paths.js';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, constants, existsSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { XMLValidator } from 'fast-xml-parser';
import ical, { ICalAlarmType, ICalEventRepeatingFreq } from 'ical-generator';
import ICAL from 'ical.js';
import { lint } from 'markdownlint/sync';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { json, learner } from '../helpers/cli.js';
import { tempDir } from '../helpers/store.js';
import { calendarText } from '../../src/ui/export-ics.js';

const PLAN = ['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23'];

interface Event {
  uid: string;
  sequence: number;
  status: string | null;
  summary: string;
  start: string;
  rrule: string | null;
}

function events(ics: string): Event[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
      summary: event.summary,
      start: event.startDate.toString(),
      rrule: vevent.getFirstPropertyValue('rrule')?.toString() ?? null,
    };
  });
}

/** What a calendar holds after importing `newer` over `older`, by UID, SEQUENCE and STATUS. */
function reimport(older: Event[], newer: Event[]): Map<string, Event> {
  const calendar = new Map(older.filter((e) => e.status !== 'CANCELLED').map((e) => [e.uid, e]));
  for (const event of newer) {
    const held = calendar.get(event.uid);
    if (held && held.sequence > event.sequence) continue;
    if (event.status === 'CANCELLED') calendar.delete(event.uid);
    else calendar.set(event.uid, event);
  }
  return calendar;
}

describe('the calendar export', () => {
  it('is the text ical-generator writes, folded as it folds, whatever the characters fall on a fold', () => {
    // Every offset of wide characters against the 75-byte fold: emoji (a surrogate pair), CJK,
    // a combining accent, a lone surrogate, and a line of plain ASCII.
    const make = () => {
      const calendar = ical({ name: 'Plan ✔ 学习', prodId: { company: 'c', product: 'p', language: 'EN' } });
      for (let shift = 0; shift < 80; shift++) {
        calendar.createEvent({
          id: `e${shift}@test`,
          summary: `${'x'.repeat(shift)}🎉学e\u0301\ud800 ${'y'.repeat(90)}`,
          description: `${'z'.repeat(shift)}${'🎉'.repeat(30)}\n${'学'.repeat(40)}`,
          start: new Date(Date.UTC(2026, 0, 5)),
          end: new Date(Date.UTC(2026, 0, 6)),
          allDay: true,
        });
      }
      calendar.createEvent({
        id: 'weekly@test',
        summary: 'Weekly',
        start: new Date(Date.UTC(2026, 0, 5, 18)),
        end: new Date(Date.UTC(2026, 0, 5, 19)),
        floating: true,
        repeating: { freq: ICalEventRepeatingFreq.WEEKLY, until: new Date(Date.UTC(2026, 5, 1)) },
        alarms: [{ type: ICalAlarmType.display, trigger: 900, description: 'Soon '.repeat(30) }],
      });
      return calendar;
    };
    const ours = calendarText(make());
    expect(ours.replace(/DTSTAMP:\d+T\d+Z/g, '')).toBe(
      make()
        .toString()
        .replace(/DTSTAMP:\d+T\d+Z/g, ''),
    );
    expect(ours.split('\r\n').some((line) => line.startsWith(' '))).toBe(true);
  });

  it('re-imports over an older export to leave exactly the newer plan', async () => {
    const me = learner();
    await me(PLAN);
    const first = (await me(['export', '--format', 'ics', '--sessions'])).stdout;
    await me(['done', 'language', 'http'], '2027-01-20');
    await me(['skip', 'orm'], '2027-01-20');
    await me(['replan', '--hours', '8', '--yes'], '2027-01-20');
    const second = (await me(['export', '--format', 'ics', '--sessions', '--session-time', '19:30'], '2027-01-20'))
      .stdout;
    expect(second.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const [older, newer] = [events(first), events(second)];
    const result = reimport(older, newer);
    expect([...result.keys()].sort()).toEqual(
      newer
        .filter((e) => e.status !== 'CANCELLED')
        .map((e) => e.uid)
        .sort(),
    );
    expect(result.get('language.course@backend-path')).toMatchObject({
      summary: '✔ Done: One language, properly, with Git',
      start: '2027-01-20',
    });
    expect(result.has('orm.course@backend-path')).toBe(false);
    const moved = newer.find((e) => e.uid === 'rest-api.course@backend-path')!;
    expect(moved.sequence).toBeGreaterThan(older.find((e) => e.uid === moved.uid)!.sequence);
    const sessions = newer.filter((e) => e.rrule);
    expect(sessions).toHaveLength(1);
    const finish = json((await me(['plan', '--json'], '2027-01-20')).stdout).finish.replaceAll('-', '');
    expect(sessions[0]!.rrule).toBe(`FREQ=DAILY;UNTIL=${finish}T235900`);
    expect(sessions[0]!.start).toBe('2027-01-20T19:30:00');
    // The plan's day, a seventh of 8 h a week: 68.57 min, booked as 69 (19:30 to 20:39).
    const session = second.split('BEGIN:VEVENT').find((text) => text.includes('RRULE'))!;
    expect(session).toContain('DTEND:20270120T203900\r\n');
    expect(session.replace(/\r\n /g, '')).toContain('DESCRIPTION:8 hours a week: 1 h 9 min a day. Still to do: ');
  });

  it('counts SEQUENCE up across a reset, so a calendar takes the new plan', async () => {
    const me = learner();
    await me(PLAN);
    const before = events((await me(['export', '--format', 'ics'])).stdout)[0]!.sequence;
    await me(['reset', '--yes'], '2026-11-24');
    await me(PLAN, '2026-11-24');
    expect(events((await me(['export', '--format', 'ics'], '2026-11-24')).stdout)[0]!.sequence).toBeGreaterThan(before);
  });

  it('still exports a valid calendar once everything is done, with the session cancelled', async () => {
    const me = learner();
    await me(PLAN);
    await me(['done', '1', '2', '3', '4', '5', '6', '7', '8', '9'], '2027-03-01');
    const finished = events((await me(['export', '--format', 'ics', '--sessions'], '2027-03-02')).stdout);
    expect(finished.filter((e) => e.summary.startsWith('✔ Done'))).toHaveLength(9);
    expect(finished.find((e) => e.rrule)!.status).toBe('CANCELLED');
  });

  it.each([
    [
      ['--format', 'md', '--sessions'],
      '--sessions adds a daily study session to a calendar, so it needs --format ics, not md.',
    ],
    [
      ['--format', 'ics', '--session-time', '19:30'],
      '--session-time sets the time of the daily session, so it needs --sessions.',
    ],
    [
      ['--format', 'ics', '--sessions', '--session-time', '25:00'],
      'The time must be written HH:MM on a 24-hour clock, like 18:30; got "25:00".',
    ],
    [[], 'Choose a format with --format ics, md, json or svg (or an -o file name ending in one of them).'],
    [['--format', 'md', '-o', 'plan.ics'], '-o plan.ics ends in .ics, but --format asks for md.'],
  ])('refuses %j with exit 2', async (flags, message) => {
    const me = learner();
    await me(PLAN);
    const result = await me(['export', ...flags]);
    expect([result.code, result.stderr.split('\n')[0]]).toEqual([2, `Error: ${message}`]);
  });
});

describe('the Markdown export', () => {
  async function page(title = 'Hostile <script>alert(1)</script> [click](javascript:alert(1)) a\\|b *x*') {
    const dir = tempDir();
    const file = join(dir, 'mine.yaml');
    const stage = (id: string) =>
      `  - id: ${id}\n    title: ${JSON.stringify(`${title} ${id}`)}\n    hours: 7\n    project: ${JSON.stringify(`Build <b>it</b> ${id}, served at http://localhost:3000/todos (see https://en.wikipedia.org/wiki/REST_(computing)).`)}\n    topics: ["<img src=x onerror=alert(1)>"]\n    resources: [{title: "Docs [x](javascript:1)", url: "https://example.org/a(b)", free: true, type: docs}]\n`;
    writeFileSync(
      file,
      `id: mine\ntitle: ${JSON.stringify(title)}\ntracks: {node: {title: Node.js}}\nstages:\n${stage('one')}${stage('two')}`,
    );
    const me = learner();
    await me(['plan', '--roadmap', file, '--track', 'node', '--hours', '7']);
    await me(['done', 'one', '--link', 'https://github.com/me/one'], '2026-11-25');
    await me(['note', 'one', '<b>bold</b> | pipe'], '2026-11-25');
    return (await me(['export', '--format', 'md'], '2026-11-26')).stdout;
  }

  it('is valid for markdownlint, line length aside', async () => {
    const text = await page('A plain roadmap');
    expect(lint({ strings: { plan: text }, config: { MD013: false } }).plan).toEqual([]);
    for (const section of ['## Stages', '## Projects', '## Stage by stage', '## Weeks'])
      expect(text).toContain(section);
  });

  it('renders in a GFM renderer as the same text, with no HTML or javascript: link from the data', async () => {
    const text = await page();
    expect(lint({ strings: { plan: text }, config: { MD013: false } }).plan).toEqual([]);
    const html = micromark(text, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    expect(html).not.toMatch(/<script|<img|<b>|href="javascript:/i);
    expect(html).toContain('Hostile &lt;script&gt;alert(1)&lt;/script&gt; [click](javascript:alert(1)) a\\|b *x* one');
    const rows = html.split('<tbody>')[1]!.split('</tbody>')[0]!.match(/<tr>/g);
    expect(rows).toHaveLength(2);
    expect(html.split('<tbody>')[1]!.split('</tr>')[0]!.match(/<td/g)).toHaveLength(5);
    expect(html).toContain('href="https://github.com/me/one"');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt; | pipe');
    // A web address in the roadmap's text is shown as written, as code: no link to the learner's own machine.
    expect(html).toContain(
      'served at <code>http://localhost:3000/todos</code> (see <code>https://en.wikipedia.org/wiki/REST_(computing)</code>).',
    );
    expect(html).not.toContain('href="http://localhost');
  });

  it('renders text between backticks as code, and a lone backtick or a pipe inside them as text', async () => {
    const text = await page('Call `GET /todos/{id}` with `a|b` and a lone ` tick');
    const html = micromark(text, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    expect(html).toContain('Call <code>GET /todos/{id}</code> with `a|b` and a lone ` tick');
    expect(lint({ strings: { plan: text }, config: { MD013: false } }).plan).toEqual([]);
  });
});

describe('the portfolio page of a finished path', () => {
  it("gives the first start and the day the last stage was done, with the plan's finish beside them", async () => {
    const me = learner();
    await me(PLAN);
    await me(['replan', '--hours', '5', '--yes'], '2026-12-07');
    // The course's nine stages, all done on Thu 1 Apr 2027.
    const stages = ['language', 'http', 'rest-api', 'sql-postgres', 'orm', 'auth', 'deploy', 'testing', 'portfolio'];
    await me(['done', ...stages], '2027-04-01');
    const page = (await me(['export', '--format', 'md'], '2027-04-01')).stdout;
    const planned = json((await me(['status', '--json'], '2027-04-01')).stdout).progress.plannedFinish;
    expect(planned).not.toBe('2027-04-01');
    const dates = page.split('\n').find((line) => line.startsWith('- **Dates:**'));
    expect(dates).toMatch(
      /^- \*\*Dates:\*\* Mon 23 Nov 2026 to Thu 1 Apr 2027, when the last stage was done \(the plan's finish: \w{3} \d{1,2} \w{3} \d{4}\)$/,
    );
  });
});

describe("the portfolio page's effort line", () => {
  it('counts a streak of one week in the singular, as status does', async () => {
    const me = learner();
    await me(PLAN);
    // 10 h in the plan's first week (Mon 23 to Sun 29 Nov 2026): one week on target.
    await me(['log', '10', '--date', '2026-11-24'], '2026-11-30');
    const page = (await me(['export', '--format', 'md'], '2026-11-30')).stdout;
    expect(page).toMatch(/^- \*\*Effort:\*\* 10 h logged in all, .*, 1 week in a row on target$/m);
    expect((await me(['status'], '2026-11-30')).stdout).toContain('1 week in a row on target');
  });
});

describe("the portfolio page's stage table", () => {
  it('gives each stage the estimate the JSON export gives it, before and after a replan at your own speed', async () => {
    const me = learner();
    await me(PLAN);
    // 48 h on language (64 h) and 4 h on http (6 h): three quarters of the time their estimates say.
    for (const date of ['2026-12-17', '2026-12-18', '2026-12-19', '2026-12-20'])
      expect((await me(['log', '12', '--stage', 'language', '--date', date], '2026-12-21')).code).toBe(0);
    await me(['log', '4', '--stage', 'http', '--date', '2026-12-21'], '2026-12-21');
    await me(['done', 'language', 'http'], '2026-12-21');
    const rows = (page: string) =>
      page
        .split('\n')
        .filter((line) => /^\| \d+ \|/.test(line))
        .map((line) => line.split('|').map((cell) => cell.trim()));
    const before = rows((await me(['export', '--format', 'md'], '2026-12-21')).stdout);
    expect((await me(['replan', '--own-speed', '--yes'], '2026-12-21')).code).toBe(0);
    const page = (await me(['export', '--format', 'md'], '2026-12-21')).stdout;
    const document = json((await me(['export', '--format', 'json'], '2026-12-21')).stdout);
    expect(document.speed).toBe(0.74);
    expect(page).toContain('- **Pace:** 10 hours a week at your own speed (0.74 h of study per estimated hour)');
    const after = rows(page);
    expect(after.map((cells) => cells[3])).toEqual(['64', '6', '40', '30', '10', '20', '10', '10', '10']);
    expect(after.map((cells) => Number(cells[3]))).toEqual(document.stages.map((s: { hours: number }) => s.hours));
    // The two done stages keep the figure and the status they had.
    expect(after.slice(0, 2).map((cells) => [cells[3], cells[5]])).toEqual(
      before.slice(0, 2).map((cells) => [cells[3], cells[5]]),
    );
  });
});

describe('the portfolio page of a path finished before its start', () => {
  it('begins on the first day a stage was marked, never after the day it ends', async () => {
    const me = learner();
    await me(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-12-07'], '2026-11-20');
    const stages = ['language', 'http', 'rest-api', 'sql-postgres', 'orm', 'auth', 'deploy', 'testing', 'portfolio'];
    await me(['done', ...stages, '--date', '2026-11-25'], '2026-11-26');
    const page = (await me(['export', '--format', 'md'], '2026-11-26')).stdout;
    expect(page).toMatch(/^- \*\*Dates:\*\* Wed 25 Nov 2026 to Wed 25 Nov 2026, when the last stage was done/m);
  });
});

describe('the progress card', () => {
  it('is valid XML without scripts or outside resources, escapes text, and renders to visible pixels', async () => {
    const me = learner();
    await me(PLAN);
    await me(['done', 'language'], '2026-12-30');
    const svg = (await me(['export', '--format', 'svg'], '2026-12-30')).stdout;
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toMatch(/<script|href=|url\(|@import|<image/i);
    expect(svg).toContain('32%');
    expect(svg).toContain('1 of 9 stages done');
    const image = new Resvg(svg, { background: 'white' }).render();
    const pixels = image.pixels;
    const colours = new Set<string>();
    for (let i = 0; i < pixels.length; i += 4) colours.add(`${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`);
    expect(image.width).toBe(495);
    expect(colours.size).toBeGreaterThan(3);
  });

  it('shows a required stage skipped as a gap', async () => {
    const me = learner();
    await me(PLAN);
    await me(['done', 'language'], '2026-12-30');
    await me(['skip', 'http'], '2026-12-30');
    const svg = (await me(['export', '--format', 'svg'], '2026-12-30')).stdout;
    expect(svg).toContain('1 of 9 stages done, 1 gap');
  });
});

describe('writing exports to files', () => {
  it('refuses the progress file, its lock and backups, leaving them byte for byte', async () => {
    const dir = tempDir();
    const me = learner({ BACKEND_PATH_CONFIG_DIR: dir });
    await me(PLAN);
    const store = join(dir, 'progress.json');
    const before = readFileSync(store, 'utf8');
    for (const target of [store, `${store}.lock`, `${store}.2026-11-23T120000-abcd1234.bak`]) {
      const result = await me(['export', '--format', 'json', '-o', target]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('is your progress file, its lock or one of its backups');
    }
    expect(readFileSync(store, 'utf8')).toBe(before);
  });

  it('writes a file by its extension, refuses a missing folder, and writes into /dev/null', async () => {
    const me = learner();
    await me(PLAN);
    const dir = tempDir();
    const written = await me(['export', '-o', join(dir, 'plan.ics')]);
    expect([written.code, written.stdout]).toEqual([0, `Wrote ${join(dir, 'plan.ics')}\n`]);
    expect(readFileSync(join(dir, 'plan.ics'), 'utf8')).toMatch(/^BEGIN:VCALENDAR/);
    const missing = await me(['export', '--format', 'md', '-o', join(dir, 'nope', 'plan.md')]);
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([
      2,
      `Error: -o ${join(dir, 'nope', 'plan.md')}: the folder ${join(dir, 'nope')} does not exist.`,
    ]);
    expect(existsSync(join(dir, 'nope'))).toBe(false);
    expect((await me(['export', '--format', 'md', '-o', '/dev/null'])).code).toBe(0);
  });

  it('says so when the disk is full, and leaves no half-written file', async () => {
    const me = learner();
    await me(PLAN);
    const full = await me(['export', '--format', 'md', '-o', '/dev/full']);
    expect([full.code, full.stderr]).toEqual([
      1,
      'Error: Cannot write /dev/full: the disk is full. Nothing was written.\n',
    ]);
  });

  it('writes into a named pipe that someone reads, and refuses one that nobody reads', async () => {
    const me = learner();
    await me(PLAN);
    const dir = tempDir();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const lonely = await me(['export', '--format', 'md', '-o', fifo]);
    expect([lonely.code, lonely.stderr]).toEqual([
      1,
      `Error: -o ${fifo} is a named pipe with nothing reading from it, so nothing was written.\n`,
    ]);
    // The reading end, opened here; the page is smaller than a pipe's buffer, so it all fits.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    expect((await me(['export', '--format', 'md', '-o', fifo])).code).toBe(0);
    const buffer = Buffer.alloc(65_536);
    const read = buffer.subarray(0, readSync(reader, buffer)).toString('utf8');
    closeSync(reader);
    expect(read).toMatch(/^# My backend learning plan/);
  });

  it('refuses to replace a file the learner made read-only, and leaves it as it was', async () => {
    const me = learner();
    await me(PLAN);
    const file = join(tempDir(), 'plan.md');
    writeFileSync(file, 'mine, kept on purpose\n');
    chmodSync(file, 0o444);
    const refused = await me(['export', '-o', file]);
    expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([
      1,
      `Error: -o ${file} is read-only, so it was not replaced.`,
    ]);
    expect(readFileSync(file, 'utf8')).toBe('mine, kept on purpose\n');
    chmodSync(file, 0o644);
    expect((await me(['export', '-o', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^# My backend learning plan/);
  });
});
