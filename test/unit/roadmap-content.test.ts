import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRoadmaps } from '../../src/roadmap/builtin.js';
import { stageHours, stageOnTrack, type Roadmap } from '../../src/roadmap/types.js';
import { repoRoot } from '../helpers/paths.js';

const roadmaps = await builtinRoadmaps();
const byId = (id: string): Roadmap => roadmaps.find((r) => r.id === id)!;
const total = (roadmap: Roadmap, track: string) => roadmap.stages.reduce((sum, s) => sum + stageHours(s, track), 0);
const TRACKS = ['node', 'python'];

describe('the built-in roadmaps, checked on the real data', () => {
  it('ships backend (first, the default) and backend-extended, with a changelog', () => {
    expect(roadmaps.map((r) => r.id)).toEqual(['backend', 'backend-extended']);
    expect(readFileSync(`${repoRoot}roadmaps/CHANGELOG.md`, 'utf8')).toMatch(/^# /);
  });

  describe.each(roadmaps.map((r) => [r.id, r] as const))('%s', (_id, roadmap) => {
    it('has node and python tracks and credits the five source articles', () => {
      expect([...roadmap.tracks.keys()].sort()).toEqual(TRACKS);
      expect(roadmap.sources.length).toBeGreaterThanOrEqual(5);
      expect(roadmap.referenceHoursPerWeek).toBeGreaterThan(0);
    });

    it('lists what to skip for now, with the job shares that argue for focus', () => {
      const text = roadmap.skipForNow.map((s) => `${s.topic}: ${s.reason}`).join('\n');
      for (const [topic, share] of [
        ['Microservices', '4%'],
        ['Kafka', '3%'],
        ['gRPC', '2%'],
        ['Kubernetes', '8%'],
        ['WebSockets', '9%'],
      ]) {
        expect(text).toMatch(new RegExp(`${topic}[^\\n]*${share}`, 'i'));
      }
      for (const topic of roadmap.skipForNow) if (topic.at) expect(roadmap.stages.map((s) => s.id)).toContain(topic.at);
    });

    it.each(roadmap.stages.map((s) => [s.id, s] as const))(
      'stage %s is complete and different on each track',
      (_stage, stage) => {
        expect(stage.summary).toBeTruthy();
        // The learner's weeks come from their plan, never from the source's schedule.
        expect(stage.summary).not.toMatch(
          /planned for weeks?|\bweeks? \d+\s*(?:to|-|–)\s*\d+|\bmonths? \d+\s*(?:to|-|–)\s*\d+/i,
        );
        expect(stage.project).toBeTruthy();
        expect(stage.selfCheck.length).toBeGreaterThanOrEqual(3);
        expect(stage.selfCheck.length).toBeLessThanOrEqual(6);
        for (const line of stage.selfCheck) expect(line).toMatch(/^I can /);
        const tools = TRACKS.map((track) => stage.tracks.get(track)?.tools ?? []);
        expect(tools[0]!.length, `${stage.id} node tools`).toBeGreaterThan(0);
        expect(tools[1]!.length, `${stage.id} python tools`).toBeGreaterThan(0);
        expect(tools[0]!.join('|')).not.toBe(tools[1]!.join('|'));
        for (const track of TRACKS) {
          expect(stageHours(stage, track)).toBeGreaterThan(0);
          const resources = stageOnTrack(stage, track).resources;
          for (const resource of resources) expect(resource.type, `${stage.id} ${resource.title}`).not.toBeNull();
          const free = resources.filter((r) => r.free && r.url.startsWith('https://'));
          expect(free.length, `${stage.id} free https resources on ${track}`).toBeGreaterThanOrEqual(2);
          expect(
            new Set(free.map((r) => r.type)).size,
            `${stage.id} resource types on ${track}`,
          ).toBeGreaterThanOrEqual(2);
        }
      },
    );

    it('promises no free tier that a learner can no longer get, and no unmaintained library', () => {
      const sentences = roadmap.stages
        .flatMap((s) => [
          s.summary ?? '',
          s.project ?? '',
          ...s.topics,
          ...s.pitfalls,
          ...[...s.tracks.values()].flatMap((t) => [...t.topics, ...t.tools]),
        ])
        .flatMap((t) => t.split(/(?<=[.;])\s/));
      // A free offer is only ever mentioned with a hedge: it ended, or it is to be checked.
      for (const sentence of sentences.filter((t) => /free (?:tier|allowance|credit|plan)|\$\d+ a month/i.test(t))) {
        expect(sentence).toMatch(
          /no longer|check the current|at the time of writing|replaced|trial|ended|changes?|counting on/i,
        );
      }
      for (const sentence of sentences.filter((t) => /\bpasslib\b/i.test(t)))
        expect(sentence).toMatch(/unmaintained|instead|not /i);
    });
  });

  it('backend is the nine job-listing steps, 20 weeks at its reference pace', () => {
    const backend = byId('backend');
    expect(backend.stages.map((s) => s.id)).toEqual([
      'language',
      'http',
      'rest-api',
      'sql-postgres',
      'orm',
      'auth',
      'deploy',
      'testing',
      'portfolio',
    ]);
    for (const track of TRACKS) expect(total(backend, track) / backend.referenceHoursPerWeek!).toBe(20);
    const text = JSON.stringify(backend.stages);
    for (const topic of [
      /\bGit\b/,
      /GitHub/,
      /CORS/,
      /N\+1/,
      /rate limit/i,
      /twelve-factor|12-factor/i,
      /logging|logs/i,
      /r[ée]sum[ée]/i,
      /mock interview/i,
    ])
      expect(text).toMatch(topic);
  });

  it('backend-extended takes 8 to 12 months at 10 to 15 hours a week', () => {
    const extended = byId('backend-extended');
    for (const track of TRACKS) {
      const hours = total(extended, track);
      expect(hours / 15 / (52 / 12)).toBeGreaterThanOrEqual(8);
      expect(hours / 10 / (52 / 12)).toBeLessThanOrEqual(12.5);
    }
  });

  it('gives the two tracks different frameworks, ORMs, validation and test tools', () => {
    for (const roadmap of roadmaps) {
      const tools = (track: string) => roadmap.stages.flatMap((s) => s.tracks.get(track)?.tools ?? []).join(' ');
      for (const name of [/Express/, /Prisma/, /supertest/i, /zod/i]) expect(tools('node')).toMatch(name);
      for (const name of [/FastAPI/, /SQLAlchemy/, /pytest/, /Pydantic/]) expect(tools('python')).toMatch(name);
    }
  });

  it('has HTTP checks for the todo API, authentication and the live deployment', () => {
    const checkable = (roadmap: Roadmap) => roadmap.stages.filter((s) => s.checks).map((s) => s.id);
    expect(checkable(byId('backend'))).toEqual(['rest-api', 'auth', 'deploy']);
    expect(checkable(byId('backend-extended'))).toEqual(['rest-framework', 'auth-security', 'docker', 'cloud']);
    expect(byId('backend').stages.find((s) => s.id === 'deploy')!.checks!.public).toBe(true);
  });

  const machineChecked = (roadmap: Roadmap) =>
    roadmap.stages.filter((s) => s.checks || (s.evidence && s.evidence.none === null)).map((s) => s.id);

  it('proves every stage: a machine checks it, or the roadmap says why none can', () => {
    for (const roadmap of roadmaps)
      for (const stage of roadmap.stages) {
        const reason = stage.evidence?.none ?? null;
        expect(
          stage.checks !== null || (stage.evidence !== null && reason === null) || (reason?.length ?? 0) > 40,
          `${roadmap.id}/${stage.id}`,
        ).toBe(true);
      }
    // At least 7 of the 9 stages of backend have evidence a machine checks; http's is the reader's.
    expect(machineChecked(byId('backend'))).toEqual([
      'language',
      'rest-api',
      'sql-postgres',
      'orm',
      'auth',
      'deploy',
      'testing',
      'portfolio',
    ]);
  });

  it('checks the database where the stage puts data in Postgres, the repository where the proof is code and history', () => {
    const evidence = (roadmap: string, stage: string) => byId(roadmap).stages.find((s) => s.id === stage)!.evidence!;
    expect(evidence('backend', 'sql-postgres').database).toEqual(['schema', 'todo-stored']);
    expect(evidence('backend', 'auth').database).toEqual(['password-hashed']);
    expect(evidence('backend', 'testing').repository).toEqual(['tests', 'ci']);
    expect(evidence('backend-extended', 'api-docs').openapi).toEqual(['valid', 'todo-endpoints']);
    expect(evidence('backend-extended', 'docker').container).toEqual(['dockerfile', 'run']);
  });
});

describe('our own words', () => {
  // Hashes of every eight-word run of the source articles (scripts/seed-shingles.mjs); the
  // articles themselves are checked directly when they are beside the repository.
  const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+(?:['’][a-z0-9]+)*/g) ?? [];
  const hash = (run: string) => createHash('sha256').update(run).digest('hex').slice(0, 16);
  const shingles = new Set(JSON.parse(readFileSync(`${repoRoot}test/fixtures/seed-shingles.json`, 'utf8')) as string[]);

  it('has the fingerprints of the source articles', () => {
    expect(shingles.size).toBeGreaterThan(5000);
    const seeds = `${repoRoot}../shared/seeds/000_653f8a59a74c4110.txt`;
    if (existsSync(seeds)) {
      const list = words(readFileSync(seeds, 'utf8'));
      expect(shingles.has(hash(list.slice(100, 108).join(' ')))).toBe(true);
    }
  });

  it.each(roadmaps.map((r) => [r.id, r] as const))(
    'no eight-word run of %s prose appears in the sources',
    (_id, roadmap) => {
      const texts = [
        roadmap.title,
        roadmap.summary ?? '',
        ...[...roadmap.tracks.values()].map((t) => t.summary ?? ''),
        ...roadmap.skipForNow.flatMap((s) => [s.topic, s.reason]),
        ...roadmap.stages.flatMap((s) => [
          s.title,
          s.summary ?? '',
          s.project ?? '',
          ...s.topics,
          ...s.selfCheck,
          ...s.pitfalls,
          ...[...s.tracks.values()].flatMap((t) => [...t.topics, ...t.tools]),
        ]),
      ];
      const copied = texts.flatMap((text) => {
        const list = words(text);
        return list
          .slice(0, Math.max(0, list.length - 7))
          .map((_, i) => list.slice(i, i + 8).join(' '))
          .filter((run) => shingles.has(hash(run)));
      });
      expect(copied).toEqual([]);
    },
  );
});
