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
/** Portify's nine steps, in its order. */
const BACKEND_STAGES = [
  'language',
  'http',
  'rest-api',
  'sql-postgres',
  'orm',
  'auth',
  'deploy',
  'testing',
  'portfolio',
];
const HANDS_ON = ['course', 'interactive', 'video'];
const SHOWS = /\b(show|point to|demonstrate|write|prove|run|walk someone through|draw|sketch|list)\b/i;
/** Play with Docker shut down on 1 March 2026; PostgreSQL Tutorial moved to neon.com. */
const GONE = [
  'labs.play-with-docker.com',
  'play-with-docker.com',
  'www.postgresqltutorial.com',
  'postgresqltutorial.com',
];

/** Every text a learner reads in a roadmap, as sentences. */
function textsOf(roadmap: Roadmap): string[] {
  return [
    roadmap.title,
    roadmap.summary ?? '',
    roadmap.hoursBasis ?? '',
    ...[...roadmap.tracks.values()].map((t) => t.summary ?? ''),
    ...roadmap.skipForNow.flatMap((s) => [s.topic, s.reason]),
    ...roadmap.stages.flatMap((s) => [
      s.title,
      s.summary ?? '',
      s.hoursBasis ?? '',
      s.project ?? '',
      ...s.topics,
      ...s.selfCheck,
      ...s.pitfalls,
      ...[...s.tracks.values()].flatMap((t) => [...t.topics, ...t.tools, t.project ?? '']),
    ]),
  ];
}
const sentencesOf = (roadmap: Roadmap) => textsOf(roadmap).flatMap((t) => t.split(/(?<=[.;])\s/));

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
          // The type is printed after the title, so the title never repeats it.
          for (const resource of resources)
            expect(resource.title).not.toMatch(new RegExp(`\\([^)]*\\b${resource.type}\\b[^)]*\\)`, 'i'));
          const free = resources.filter((r) => r.free && r.url.startsWith('https://'));
          expect(free.length, `${stage.id} free https resources on ${track}`).toBeGreaterThanOrEqual(2);
          expect(
            new Set(free.map((r) => r.type)).size,
            `${stage.id} resource types on ${track}`,
          ).toBeGreaterThanOrEqual(2);
          // Something to do or watch, not only pages to read.
          expect(
            resources.some((r) => r.free && HANDS_ON.includes(r.type!)),
            `${stage.id} course, interactive or video on ${track}`,
          ).toBe(true);
        }
        expect(stage.pitfalls.length, `${stage.id} pitfalls`).toBeGreaterThan(0);
        // A self-check asks for something to show, never only "I can explain".
        for (const line of stage.selfCheck.filter((l) =>
          /^I can (explain|describe|say|name|tell|understand|know)\b/.test(l),
        ))
          expect(line).toMatch(SHOWS);
      },
    );

    it('promises no free tier that a learner can no longer get, and no unmaintained library', () => {
      const sentences = sentencesOf(roadmap);
      // A free offer is only ever mentioned with a hedge: it ended, or it is to be checked.
      for (const sentence of sentences.filter((t) => /free (?:tier|allowance|credit|plan)|\$\d+ a month/i.test(t))) {
        expect(sentence).toMatch(
          /no longer|check the current|at the time of writing|replaced|trial|ended|changes?|counting on/i,
        );
      }
      for (const sentence of sentences.filter((t) => /\bpasslib\b/i.test(t)))
        expect(sentence).toMatch(/unmaintained|instead|not |dated/i);
      // passlib breaks with bcrypt 5.0, and FastAPI's deployment docs dropped gunicorn's uvicorn workers.
      expect(sentences.join('\n')).not.toMatch(/bcrypt 4\.1|gunicorn with uvicorn workers|uvicorn\.workers/i);
    });

    it('links no host that has shut down or moved', () => {
      const urls = roadmap.stages
        .flatMap((s) => TRACKS.flatMap((t) => stageOnTrack(s, t).resources))
        .map((r) => new URL(r.url).host);
      for (const gone of GONE) expect(urls).not.toContain(gone);
    });
  });

  it('backend is the nine job-listing steps and names what it leaves out, with reasons and a stage where each tempts', () => {
    const backend = byId('backend');
    expect(backend.stages.map((s) => s.id)).toEqual(BACKEND_STAGES);
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
    // Choices, not gaps: each topic the short path leaves out is on its skip list.
    for (const topic of [/caching|redis/i, /background jobs|queues/i, /openapi/i, /system design/i, /\bAI\b|LLM/]) {
      const entry = backend.skipForNow.find((s) => topic.test(s.topic));
      expect(entry, String(topic)).toBeDefined();
      expect(entry!.at, String(topic)).not.toBeNull();
    }
    expect(backend.skipForNow.find((s) => /LLM/.test(s.topic))!.reason).toMatch(
      /Gemini[^.]*free tier[^.]*OpenAI and Anthropic need prepaid credit/,
    );
  });

  it('states what each total assumes, and the total it states is the real one on every track', () => {
    for (const roadmap of roadmaps) {
      expect(roadmap.hoursBasis).toMatch(/assuming you start with no programming/);
      const stated = Number(/About (\d+) hours/.exec(roadmap.hoursBasis!)![1]);
      for (const track of TRACKS)
        expect(Math.abs(total(roadmap, track) - stated) / stated, `${roadmap.id} ${track}`).toBeLessThanOrEqual(0.02);
    }
    // CourseFacts's 8 to 12 months at 10 to 15 hours a week spans about 350 to 780 hours.
    for (const track of TRACKS) {
      const hours = total(byId('backend-extended'), track);
      expect(hours).toBeGreaterThanOrEqual(8 * (52 / 12) * 10);
      expect(hours).toBeLessThanOrEqual(12 * (52 / 12) * 15);
    }
  });

  it("says where every stage's hours come from, naming both tracks where their hours differ", () => {
    for (const roadmap of roadmaps) {
      for (const stage of roadmap.stages) {
        expect(stage.hoursBasis, `${roadmap.id} ${stage.id}`).toBeTruthy();
        if (stageHours(stage, 'node') !== stageHours(stage, 'python')) {
          expect(stage.hoursBasis, `${roadmap.id} ${stage.id}`).toMatch(/Node|Express|Prisma|TypeScript/);
          expect(stage.hoursBasis, `${roadmap.id} ${stage.id}`).toMatch(/Python|FastAPI|SQLAlchemy/);
        }
      }
    }
  });

  it('never credits a source with a weekly pace it does not give: only CourseFacts gives one, 10 to 15 hours', () => {
    const pace = /\b\d+(?:\s*(?:to|-|–)\s*\d+)?\s*(?:h|hours?)\s+(?:a|per)\s+week|hours?\/week/i;
    const source = /Portify|Scrimba|CourseFacts|\bsources?\b|\barticle|\bguide\b|overview/i;
    for (const roadmap of roadmaps) {
      for (const sentence of sentencesOf(roadmap).filter((t) => pace.test(t) && source.test(t))) {
        expect(sentence).toMatch(/CourseFacts/);
        expect(sentence).toMatch(/10 to 15 hours a week|10-15 h/);
        expect(sentence).not.toMatch(/Portify|Scrimba|the source gives/i);
      }
    }
  });

  it('uses one measure for the tracks: the share of job posts asking for each', () => {
    for (const roadmap of roadmaps) {
      expect(roadmap.tracks.get('node')!.summary).toMatch(/41% of the 1,000 backend job posts/);
      expect(roadmap.tracks.get('python')!.summary).toMatch(/38% of the same 1,000 posts/);
      // Portify gives "junior" only for microservices (4%); every other share is of all posts.
      for (const sentence of sentencesOf(roadmap).filter((t) => /junior/i.test(t) && /\d+%/.test(t)))
        expect(sentence).toMatch(/4% of the junior/);
    }
  });

  it("gives every checked stage a project per track that names every path the check requests and the track's port", () => {
    for (const roadmap of roadmaps) {
      for (const stage of roadmap.stages.filter((s) => s.checks)) {
        // `${id}` is written {id} in the text; a path on another user's todo is named by its collection.
        const paths = new Set(
          stage.checks!.steps.flatMap((step) =>
            step.request ? [step.request.path.replace('${id}', '{id}').replace(/\/\$\{[a-z_]+\}.*$/, '')] : [],
          ),
        );
        const texts = TRACKS.map((track) => stage.tracks.get(track)?.project ?? '');
        expect(texts[0], `${stage.id} node`).not.toBe(texts[1]);
        TRACKS.forEach((track, i) => {
          expect(texts[i], `${roadmap.id} ${stage.id} ${track}`).toContain(`backend-path check ${stage.id}`);
          for (const path of paths) expect(texts[i], `${roadmap.id} ${stage.id} ${track} ${path}`).toContain(path);
          if (!stage.checks!.public)
            expect(texts[i], `${roadmap.id} ${stage.id} ${track}`).toMatch(
              new RegExp(`${roadmap.tracks.get(track)!.port}|/auth/`),
            );
        });
      }
    }
    // Every backend stage that a machine can check states the check per track; only http's proof is the learner's own.
    const backend = byId('backend');
    expect(backend.stages.filter((s) => TRACKS.every((t) => s.tracks.get(t)?.project)).map((s) => s.id)).toEqual(
      BACKEND_STAGES.filter((id) => id !== 'http'),
    );
    expect([...backend.tracks.values()].map((t) => t.port)).toEqual([3000, 8000]);
    const auth = (track: string) => backend.stages.find((s) => s.id === 'auth')!.tracks.get(track)!.project!;
    // What the Python track's own tools answer: FastAPI's OAuth2 form at /token, simplejwt's access/refresh.
    for (const accepted of ['OAuth2 form', '/token', 'access_token, token or access', 'refresh_token or refresh'])
      expect(auth('python')).toContain(accepted);
  });

  it('gives every stage a machine checks, in both roadmaps, its own project text per track naming the check', () => {
    for (const roadmap of roadmaps)
      for (const id of machineChecked(roadmap)) {
        const stage = roadmap.stages.find((s) => s.id === id)!;
        const texts = TRACKS.map((track) => stage.tracks.get(track)?.project ?? '');
        expect(texts[0], `${roadmap.id} ${id}`).not.toBe(texts[1]);
        for (const [i, text] of texts.entries())
          expect(text, `${roadmap.id} ${id} ${TRACKS[i]}`).toContain(`backend-path check ${id}`);
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
    expect(machineChecked(byId('backend'))).toEqual(BACKEND_STAGES.filter((id) => id !== 'http'));
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
      const texts = textsOf(roadmap);
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
