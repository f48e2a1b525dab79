import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, learner } from '../helpers/cli.js';
import { COURSE } from '../helpers/paths.js';
import { checksum } from '../../src/store/summary.js';
import { tempDir } from '../helpers/store.js';

/** Counts how often a roadmap file's YAML is parsed, around the real parser. */
const parsed = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/roadmap/load.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/roadmap/load.js')>();
  return {
    ...real,
    parseRoadmap: (...args: Parameters<typeof real.parseRoadmap>) => {
      parsed.count++;
      return real.parseRoadmap(...args);
    },
  };
});

beforeEach(() => {
  parsed.count = 0;
});

function planOnCopy() {
  const dir = tempDir();
  const file = join(tempDir(), 'mine.yaml');
  writeFileSync(file, readFileSync(COURSE));
  const me = learner({ BACKEND_PATH_CONFIG_DIR: dir });
  const compiled = () => readdirSync(join(dir, 'compiled-roadmaps'));
  return { dir, file, me, compiled };
}

/** A plan made now on a copy of the course; `kept` is its compiled form's JSON file. */
async function plannedOnCopy() {
  const copy = planOnCopy();
  await copy.me(['plan', '--roadmap', copy.file, '--track', 'node', '--hours', '10']);
  const kept = join(
    copy.dir,
    'compiled-roadmaps',
    copy.compiled().find((name) => name.endsWith('.json'))!,
  );
  return { ...copy, kept };
}

/** The id of the roadmap status reports, and how often YAML was parsed to give it. */
async function roadmapRead(me: ReturnType<typeof learner>): Promise<{ id: string; parsed: number }> {
  parsed.count = 0;
  const { id } = json((await me(['status', '--json'])).stdout).roadmap as { id: string };
  return { id, parsed: parsed.count };
}

describe('a roadmap of your own, compiled once', () => {
  it('is parsed when the plan is made, then read from its compiled form while the file is unchanged', async () => {
    const { file, me, compiled } = planOnCopy();
    expect((await me(['plan', '--roadmap', file, '--track', 'node', '--hours', '10'])).code).toBe(0);
    expect(compiled().sort()).toEqual([
      expect.stringMatching(/^[0-9a-f]{64}\.json$/),
      expect.stringMatching(/^[0-9a-f]{64}\.yaml$/),
    ]);
    parsed.count = 0;
    for (const command of [['next'], ['status'], ['status', '--short'], [], ['log', '1']]) {
      expect((await me(command)).code).toBe(0);
    }
    expect(parsed.count).toBe(0);
  });

  it('parses a changed file, says so, and keeps the new form only once the plan adopts it', async () => {
    const { file, me, compiled } = planOnCopy();
    await me(['plan', '--roadmap', file, '--track', 'node', '--hours', '10']);
    const before = compiled();
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('title: "Test course: nine stages"', 'title: Changed course'),
    );
    parsed.count = 0;
    const status = await me(['status']);
    expect(status.stderr).toContain('changed since your plan was made');
    expect(json((await me(['status', '--json'])).stdout).roadmap.title).toBe('Changed course');
    expect(parsed.count).toBe(2);
    expect(compiled()).toEqual(before);
    await me(['replan', '--yes']);
    expect(compiled()).not.toEqual(before);
    parsed.count = 0;
    await me(['status']);
    expect(parsed.count).toBe(0);
  });

  it('plans again on the unchanged file from its compiled form, and parses the file once it changed', async () => {
    const { file, me, compiled, kept } = await plannedOnCopy();
    const before = compiled();
    const written = statSync(kept).ino;
    parsed.count = 0;
    const again = await me(['plan', '--roadmap', file, '--track', 'node', '--hours', '12', '--yes', '--json']);
    expect(again.code).toBe(0);
    expect(json(again.stdout).hoursPerWeek).toBe(12);
    expect(parsed.count).toBe(0);
    // Read, not written again: a write renames a new file into place.
    expect(statSync(kept).ino).toBe(written);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('title: "Test course: nine stages"', 'title: Changed course'),
    );
    const changed = await me(['plan', '--roadmap', file, '--track', 'node', '--hours', '12', '--yes', '--json']);
    expect(changed.code).toBe(0);
    expect(json(changed.stdout).roadmap.title).toBe('Changed course');
    expect(parsed.count).toBe(1);
    expect(compiled()).not.toEqual(before);
    parsed.count = 0;
    expect((await me(['plan', '--roadmap', file, '--track', 'node', '--hours', '9', '--yes'])).code).toBe(0);
    expect(parsed.count).toBe(0);
  });

  it('keeps the form again when a plan with the same answers had to parse the file', async () => {
    const { file, me, kept } = await plannedOnCopy();
    // As after an upgrade: the kept form is another version's, so the file is parsed.
    const [form, version, roadmap] = JSON.parse(readFileSync(kept, 'utf8').split('\n')[0]!) as unknown[];
    const other = JSON.stringify([form, `${String(version)}-other`, roadmap]);
    writeFileSync(kept, `${other}\n${other}`);
    parsed.count = 0;
    const same = await me(['plan', '--roadmap', file, '--track', 'node', '--hours', '10', '--json']);
    expect(same.code).toBe(0);
    expect(json(same.stdout).saved).toBe(false);
    expect(parsed.count).toBe(1);
    expect(await roadmapRead(me)).toEqual({ id: 'course', parsed: 0 });
  });

  it('gives back every letter, beyond ASCII and beyond the 16-bit range alike', async () => {
    const { file, me } = planOnCopy();
    const title = 'Cours d’été — naïve 日本 🚀';
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: "Test course: nine stages"', `title: "${title}"`));
    await me(['plan', '--roadmap', file, '--track', 'node', '--hours', '10']);
    parsed.count = 0;
    expect(json((await me(['status', '--json'])).stdout).roadmap.title).toBe(title);
    expect(parsed.count).toBe(0);
  });

  it('still reads a form written by an earlier version (a checksum, a line, the JSON), unless damaged', async () => {
    const { me, kept } = await plannedOnCopy();
    const body = Buffer.from(readFileSync(kept, 'utf8').split('\n')[0]!);
    writeFileSync(kept, Buffer.concat([Buffer.from(`${checksum(body)}\n`), body]));
    expect(await roadmapRead(me)).toEqual({ id: 'course', parsed: 0 });
    writeFileSync(kept, readFileSync(kept, 'utf8').replace('"course"', '"coarse"'));
    expect(await roadmapRead(me)).toEqual({ id: 'course', parsed: 1 });
  });

  it.each([
    ['the second copy changed', (text: string) => text.replace(/"course"(?![^]*"course")/, '"coarse"')],
    ['the file cut short', (text: string) => text.slice(0, -1)],
  ])('never uses a form whose two copies differ: %s', async (_, damage) => {
    const { me, kept } = await plannedOnCopy();
    writeFileSync(kept, damage(readFileSync(kept, 'utf8')));
    expect(await roadmapRead(me)).toEqual({ id: 'course', parsed: 1 });
  });

  it('never uses a damaged compiled form, and a write keeps a sound one again', async () => {
    const { me, kept } = await plannedOnCopy();
    writeFileSync(kept, readFileSync(kept, 'utf8').replace('"course"', '"coarse"'));
    expect(await roadmapRead(me)).toEqual({ id: 'course', parsed: 1 });
    await me(['log', '1']);
    parsed.count = 0;
    await me(['status']);
    expect(parsed.count).toBe(0);
  });
});

describe('stages renamed in a roadmap of your own', () => {
  it('keeps their marks and logged hours, and says where that time went and how to move it', async () => {
    const { file, me } = await plannedOnCopy();
    await me(['done', 'language'], '2026-11-24');
    await me(['log', '2', '--stage', 'http'], '2026-11-24');
    await me(['log', '1', '--stage', 'http', '--date', '2026-11-23'], '2026-11-24');
    await me(['log', '0:01', '--stage', 'http'], '2026-11-24');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('- id: language', '- id: lang')
        .replace('at: language', 'at: lang')
        .replace('- id: http\n', '- id: http-basics\n'),
    );
    expect(json((await me(['status', '--json'], '2026-11-24')).stdout).orphans).toEqual([
      { id: 'language', status: 'done', hours: 0 },
      { id: 'http', status: null, hours: 3.02 },
    ]);
    // Counted up to today, as every stage's hours are: on the 23rd only that day's hour.
    expect(json((await me(['status', '--json'], '2026-11-23')).stdout).orphans[1]).toEqual({
      id: 'http',
      status: null,
      hours: 1,
    });
    const text = (await me(['status'], '2026-11-24')).stdout.replace(/\n\s*/g, ' ');
    expect(text).toContain(
      'Kept progress for stages this roadmap no longer has: language (done), http (3 h 1 min logged).',
    );
    expect(text).toContain(
      'That time counts toward no stage: `backend-path log list` numbers its entries, and `backend-path log change <n> --stage <stage>` moves one.',
    );
  });
});
