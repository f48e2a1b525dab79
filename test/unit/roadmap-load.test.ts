import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FailureError, RoadmapError, UsageError } from '../../src/errors.js';
import { resolveRoadmap } from '../../src/roadmap/builtin.js';
import { checksum } from '../../src/store/summary.js';
import { loadRoadmapFile } from '../../src/roadmap/load.js';
import { stageOnTrack } from '../../src/roadmap/types.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/store.js';

function problemsOf(file: string, name = file): string[] {
  try {
    loadRoadmapFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(RoadmapError);
    return (error as RoadmapError).problems.map((p) => p.replace(file, name));
  }
  throw new Error(`${name} loaded without problems`);
}

function write(text: string, name = 'roadmap.yaml'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

const HEAD = 'id: t\ntitle: T\ntracks:\n  node: {title: Node.js}\nstages:\n';

describe('loadRoadmapFile', () => {
  it('loads a valid file with its optional fields', () => {
    const { roadmap, hash } = loadRoadmapFile(fixture('roadmaps/valid.yaml'));
    expect(roadmap.id).toBe('mini');
    expect(roadmap.stages.map((s) => s.id)).toEqual(['first', 'second']);
    expect([...roadmap.stages[1]!.hours]).toEqual([
      ['node', 3],
      ['python', 4],
    ]);
    expect(roadmap.stages[1]!.optional).toBe(true);
    expect(roadmap.tracks.get('node')!.summary).toBe('The JavaScript runtime');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads what the hours assume, track ports and per-track projects, with defaults where they are left out', () => {
    const { roadmap } = loadRoadmapFile(fixture('roadmaps/valid.yaml'));
    expect(roadmap.hoursBasis).toBe('About 8 hours, assuming you can already program.');
    expect([roadmap.tracks.get('node')!.port, roadmap.tracks.get('python')!.port]).toEqual([3000, 8000]);
    const [first, second] = roadmap.stages;
    expect([first!.hoursBasis, second!.hoursBasis]).toEqual(['Our estimate for reading one guide.', null]);
    // A track's own project wins; a track without one gets the stage's, or none.
    expect(stageOnTrack(second!, 'python').project).toBe('Build it with FastAPI on port 8000.');
    expect(stageOnTrack(second!, 'node').project).toBeNull();
    expect(stageOnTrack(first!, 'python').project).toBe('Build the first thing.');
  });

  it.each([
    ['bad-hours.yaml', ['bad-hours.yaml:11:12 stages[1].hours must be a positive number']],
    ['duplicate-id.yaml', ['duplicate-id.yaml:9:9 stages[1].id repeats "basics", already used by stages[0]']],
    ['unknown-track.yaml', ['unknown-track.yaml:10:7 stages[0].tracks.ruby names unknown track "ruby" (tracks: node)']],
    [
      'hours-map-missing-track.yaml',
      ['hours-map-missing-track.yaml:9:12 stages[0].hours has no hours for track "python"'],
    ],
    ['bad-url.yaml', ['bad-url.yaml:11:14 stages[0].resources[0].url must be an http(s) URL']],
    [
      'file-url.yaml',
      [
        'file-url.yaml:10:34 stages[0].resources[0].url must be an http(s) URL',
        'file-url.yaml:11:30 stages[0].resources[1].url must be an http(s) URL',
      ],
    ],
    ['not-a-map.yaml', ['not-a-map.yaml:1:1 must be a map with id, title, tracks and stages']],
    [
      'missing-fields.yaml',
      [
        'missing-fields.yaml:1:1 title is required',
        'missing-fields.yaml:1:5 id must use only lowercase letters, digits and single dashes (e.g. "sql-basics")',
        'missing-fields.yaml:5:5 stages[0].title is required',
        'missing-fields.yaml:5:5 stages[0].hours is required',
        'missing-fields.yaml:6:5 stages[0].hour is not a known field',
      ],
    ],
  ])('reports every problem in %s with file:line:col and field path', (name, expected) => {
    expect(problemsOf(fixture(`roadmaps/${name}`), name)).toEqual(expected);
  });

  it('names a field it does not know inside a map of tracks, as anywhere else', () => {
    const file = write(
      'id: t\ntitle: T\ntracks:\n  node: {title: Node.js, x: 1}\nstages:\n  - {id: a, title: A, hours: 1}\n',
    );
    expect(problemsOf(file, 'r.yaml')).toEqual(['r.yaml:4:26 tracks.node.x is not a known field']);
  });

  it('reports YAML syntax errors with their position', () => {
    for (const problem of problemsOf(fixture('roadmaps/syntax-error.yaml'), 'syntax-error.yaml'))
      expect(problem).toMatch(/^syntax-error\.yaml:[45]:\d+ \S/);
  });

  it('says a missing file is missing, as a usage error, and puts the whole list in the message', () => {
    expect(() => loadRoadmapFile(fixture('roadmaps/nope.yaml'))).toThrow(UsageError);
    expect(() => loadRoadmapFile(fixture('roadmaps/nope.yaml'))).toThrow(/does not exist/);
    expect(() => loadRoadmapFile(fixture('roadmaps/missing-fields.yaml'))).toThrow(
      /\(5 problems\):\n {2}.*missing-fields\.yaml:1:1 title is required\n/,
    );
  });

  it('validates the new fields: self-checks, resource types, the skip list and checks', () => {
    const file = write(`${HEAD}  - id: a
    title: A
    hours: 5
    self_check: [I can one, You can two]
    resources: [{title: R, url: "https://x.org", free: true, type: podcast}]
    checks:
      steps:
        - {name: leaves, request: {method: GET, path: "//evil.example/x"}, expect: {status: 200}}
        - {name: abs, request: {method: GET, path: "http://evil.example/x"}, expect: {status: 200}}
        - {name: var, request: {method: GET, path: "/todos/\${id}"}, expect: {status: 200}}
skip_for_now: [{topic: Kafka, reason: 3% of posts, at: nowhere}]
`);
    expect(problemsOf(file, 'r.yaml')).toEqual([
      'r.yaml:9:29 stages[0].self_check[1] must start with "I can "',
      'r.yaml:10:68 stages[0].resources[0].type must be one of docs, article, video, course, book, interactive',
      'r.yaml:13:55 stages[0].checks.steps[0].request.path must be a path on your server starting with a single /, e.g. /todos',
      'r.yaml:14:52 stages[0].checks.steps[1].request.path must be a path on your server starting with a single /, e.g. /todos',
    ]);
    const unknown = write(
      `${HEAD}  - id: a\n    title: A\n    hours: 5\n    checks: {steps: [{name: v, request: {method: GET, path: "/todos/\${id}"}, expect: {status: 200}}]}\nskip_for_now: [{topic: Kafka, reason: 3% of posts, at: nowhere}]\n`,
    );
    expect(problemsOf(unknown, 'r.yaml')).toEqual([
      'r.yaml:9:22 stages[0].checks.steps[0] uses ${id}, which no earlier check captures (known: random)',
      'r.yaml:10:56 skip_for_now[0].at names unknown stage "nowhere"',
    ]);
  });

  it('validates ports, what the hours assume and per-track projects like every other field', () => {
    const file = write(`id: t
title: T
hours_basis: ""
tracks:
  node: {title: Node.js, port: 80000}
  python: {title: Python, port: 8000.5}
stages:
  - id: a
    title: A
    hours: 5
    hours_basis: [one]
    tracks:
      node: {project: {text: x}}
`);
    expect(problemsOf(file, 'r.yaml')).toEqual([
      'r.yaml:3:14 hours_basis must not be empty',
      'r.yaml:5:32 tracks.node.port must be a port number from 1 to 65535',
      'r.yaml:6:33 tracks.python.port must be a port number from 1 to 65535',
      'r.yaml:11:18 stages[0].hours_basis must be text',
      'r.yaml:13:23 stages[0].tracks.node.project must be text',
    ]);
  });
});

describe('the checks of a roadmap', () => {
  it('refuses headers fetch cannot send, a blocked port, and login steps without a login block', () => {
    const file = write(`id: t
title: T
tracks:
  node: {title: Node.js, port: 6000}
stages:
  - id: a
    title: A
    hours: 5
    checks:
      steps:
        - {name: up, request: {method: GET, path: /, headers: {Upgrade: websocket}}, expect: {status: 200}}
        - {name: ex, request: {method: GET, path: /, headers: {Expect: 100-continue}}, expect: {status: 200}}
        - {name: ka, request: {method: GET, path: /, headers: {Keep-Alive: "timeout=5"}}, expect: {status: 200}}
        - {name: in, session: login, as: other, expect: {status: 200}}
        - {name: both, session: register, request: {method: GET, path: /}, expect: {status: 200}}
`);
    const headers =
      'must be a header name the check may set (not Host, Content-Length, Transfer-Encoding, Connection, Keep-Alive, Upgrade, Expect)';
    expect(problemsOf(file, 'r.yaml')).toEqual([
      'r.yaml:4:32 tracks.node.port must be a port browsers and fetch connect to (they refuse a few, such as 6000 and 10080)',
      `r.yaml:11:64 stages[0].checks.steps[0].request.headers.Upgrade ${headers}`,
      `r.yaml:12:64 stages[0].checks.steps[1].request.headers.Expect ${headers}`,
      `r.yaml:13:64 stages[0].checks.steps[2].request.headers.Keep-Alive ${headers}`,
    ]);
    const noLogin = write(`${HEAD}  - id: a
    title: A
    hours: 5
    checks:
      steps:
        - {name: in, session: login, as: other, expect: {status: 200}}
        - {name: both, session: register, request: {method: GET, path: /}, expect: {status: 200}}
        - {name: me, request: {method: GET, path: "/users/\${email}"}, expect: {status: 200}}
login: {after: nowhere, register: /auth/register, login: /auth/login}
`);
    expect(problemsOf(noLogin, 'r.yaml')).toEqual([
      'r.yaml:12:11 stages[0].checks.steps[1] must have either a request or a session step (register, login or refresh), not both',
      'r.yaml:14:16 login.after names unknown stage "nowhere"',
    ]);
    const withoutLogin = write(`${HEAD}  - id: a
    title: A
    hours: 5
    checks:
      steps:
        - {name: in, session: login, expect: {status: 200}}
        - {name: me, request: {method: GET, path: "/users/\${email}"}, expect: {status: 200}}
`);
    expect(problemsOf(withoutLogin, 'r.yaml')).toEqual([
      "r.yaml:11:11 stages[0].checks.steps[0] uses the learner session, which needs the roadmap's login block (register and login paths)",
      'r.yaml:12:11 stages[0].checks.steps[1] uses ${email}, which no earlier check captures (known: random)',
    ]);
  });

  it('reads the login block once for the roadmap, with one path or a list', () => {
    const file = write(`${HEAD}  - id: auth
    title: Auth
    hours: 5
    checks: {steps: [{name: r, session: register, expect: {status: [200, 201]}}]}
login: {after: auth, register: /auth/register, login: /token}
`);
    expect(loadRoadmapFile(file).roadmap.login).toEqual({
      after: 'auth',
      register: '/auth/register',
      login: ['/token'],
      refresh: [],
    });
    expect(loadRoadmapFile(file).roadmap.stages[0]!.checks!.steps[0]).toMatchObject({
      session: { action: 'register', user: 'learner', password: null },
      request: null,
      as: null,
      attempts: 1,
    });
  });
});

describe('a roadmap file is untrusted input', () => {
  // Refused, not hung or crashed: the suite's test timeout is the guard against hanging.
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error as Error;
    }
    throw new Error('no error');
  };

  it('refuses a file over 1 MiB, reading no more than the limit', () => {
    const error = refusal(() => loadRoadmapFile(write(`id: big\ntitle: Big\n# ${'x'.repeat(1024 * 1024)}\n`)));
    expect(error).toBeInstanceOf(FailureError);
    expect(error.message).toContain('roadmaps may be at most 1 MiB');
  });

  it.each([
    ['/dev/zero', 'is a device, not a regular file'],
    ['/dev/null', 'is a device, not a regular file'],
  ])('refuses %s at once instead of reading it', (file, message) => {
    expect(refusal(() => loadRoadmapFile(file)).message).toContain(message);
  });

  it('refuses a named pipe without waiting for a writer, and a folder', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    expect(refusal(() => loadRoadmapFile(join(dir, 'pipe.yaml'))).message).toContain(
      'is a named pipe, not a regular file',
    );
    mkdirSync(join(dir, 'folder.yaml'));
    expect(refusal(() => loadRoadmapFile(join(dir, 'folder.yaml'))).message).toContain('is a folder');
  });

  it('fails fast on a YAML alias bomb, and names an alias without an anchor', () => {
    expect(refusal(() => loadRoadmapFile(fixture('roadmaps/alias-bomb.yaml'))).message).toContain(
      'uses YAML aliases more than 100 times',
    );
    const file = write(`${HEAD}  - {id: a, title: *missing, hours: 5}\n`);
    expect(problemsOf(file, 'r.yaml')).toEqual([
      'r.yaml:6:20 the alias *missing names no anchor (&missing) defined before it',
    ]);
  });

  it('allows exactly as many aliases as its message says, and refuses one more', () => {
    const uses = (n: number) =>
      write(`${HEAD}  - id: a\n    title: &t A\n    hours: 5\n    topics: [${Array(n).fill('*t').join(', ')}]\n`);
    expect(loadRoadmapFile(uses(100)).roadmap.stages[0]!.id).toBe('a');
    expect((refusal(() => loadRoadmapFile(uses(101))) as RoadmapError).problems[0]).toMatch(
      /uses YAML aliases more than 100 times/,
    );
  });

  it('names deep nesting with its line instead of overflowing the stack', () => {
    const file = write(
      `${HEAD}  - id: a\n    title: A\n    hours: 5\n    topics: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
    );
    const error = refusal(() => loadRoadmapFile(file)) as RoadmapError;
    expect(error.problems[0]).toMatch(/:9:\d+ nests lists or maps too deeply to read$/);
  });

  it('bounds text fields, so a 100,000-character title is refused in moments', () => {
    const file = write(`${HEAD}  - {id: a, title: "${'x'.repeat(100_000)}", hours: 5}\n`);
    expect((refusal(() => loadRoadmapFile(file)) as RoadmapError).problems).toEqual([
      `${file}:6:20 stages[0].title must be at most 120 characters`,
    ]);
  });

  it('refuses hours that are not a plain, sane number', () => {
    const file = write(`${HEAD}  - {id: a, title: A, hours: 1e308}\n  - {id: b, title: B, hours: .inf}\n`);
    expect(problemsOf(file, 'r.yaml')).toEqual([
      'r.yaml:6:30 stages[0].hours must be at most 1,000 hours',
      'r.yaml:7:30 stages[1].hours must be a positive number',
    ]);
  });

  it('treats ids as data: a track called constructor is kept, __proto__ and toString are refused', () => {
    const kept = loadRoadmapFile(
      write(
        'id: t\ntitle: T\ntracks:\n  node: {title: Node.js}\n  constructor: {title: C}\nstages:\n  - {id: constructor, title: A, hours: {node: 1, constructor: 2}}\n',
      ),
    ).roadmap;
    expect([...kept.tracks.keys()]).toEqual(['node', 'constructor']);
    expect(kept.stages[0]!.hours.get('constructor')).toBe(2);
    const refused = write(
      'id: t\ntitle: T\ntracks:\n  __proto__: {title: P}\n  toString: {title: S}\nstages:\n  - {id: a, title: A, hours: 1}\n',
    );
    expect(problemsOf(refused, 'r.yaml')).toEqual([
      'r.yaml:4:3 tracks.__proto__ must use only lowercase letters, digits and single dashes (e.g. "sql-basics")',
      'r.yaml:5:3 tracks.toString must use only lowercase letters, digits and single dashes (e.g. "sql-basics")',
    ]);
  });

  it('removes escape sequences, control, bidi and invisible characters from every text', () => {
    const { roadmap } = loadRoadmapFile(fixture('roadmaps/hostile-text.yaml'));
    expect(roadmap.title).toBe('Sneaky roadmap');
    expect(roadmap.tracks.get('node')!.title).toBe('Node.js');
    expect(roadmap.stages[0]!.title).toBe('Fine red title');
    expect(roadmap.stages[0]!.summary).toBe('Click here now');
    expect(roadmap.stages[0]!.project).toBe('Build it');
  });
});

describe('resolveRoadmap', () => {
  it('finds a built-in by id and a file by path, relative to the folder given', async () => {
    expect((await resolveRoadmap('backend-extended', '/')).roadmap.id).toBe('backend-extended');
    const fromFile = await resolveRoadmap('roadmaps/valid.yaml', fixture(''));
    expect(fromFile.roadmap.id).toBe('mini');
    expect(fromFile.file?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the built-ins when the id is unknown', async () => {
    await expect(resolveRoadmap('frontend', '/')).rejects.toThrow(
      'Unknown roadmap "frontend". Built-in roadmaps are: backend, backend-extended.',
    );
  });
});

describe('the format documentation', () => {
  it('shows an example that is a valid roadmap', () => {
    const readme = readFileSync(fixture('../../roadmaps/README.md'), 'utf8');
    const example = readme.slice(readme.indexOf('## Example')).split('```yaml\n')[1]!.split('```')[0]!;
    const { roadmap } = loadRoadmapFile(write(example));
    expect(roadmap.skipForNow[0]).toMatchObject({ topic: 'Kubernetes', at: 'http' });
    expect(roadmap.stages[0]!.selfCheck).toHaveLength(3);
  });
});

describe('the evidence of a stage', () => {
  it('loads every kind a custom roadmap may declare, and a reason where none applies', () => {
    const file = write(`${HEAD}  - id: a
    title: A
    hours: 5
    evidence:
      database: [schema, todo-stored]
      repository: [history, gitignore, no-secrets, readme, tests, ci, live-url]
      openapi: [valid, todo-endpoints]
      container: [dockerfile, run]
  - id: b
    title: B
    hours: 5
    evidence: {none: The notes are read by a person.}
`);
    const [a, b] = loadRoadmapFile(file).roadmap.stages;
    expect(a!.evidence).toEqual({
      database: ['schema', 'todo-stored'],
      repository: ['history', 'gitignore', 'no-secrets', 'readme', 'tests', 'ci', 'live-url'],
      openapi: ['valid', 'todo-endpoints'],
      container: ['dockerfile', 'run'],
      none: null,
    });
    expect(b!.evidence).toEqual({
      database: [],
      repository: [],
      openapi: [],
      container: [],
      none: 'The notes are read by a person.',
    });
  });

  it('names, with file:line:col, an unknown kind or demand, a repeat, none beside a check, and a password check with no login', () => {
    const file = write(`${HEAD}  - id: a
    title: A
    hours: 5
    evidence: {database: [schema, tables]}
  - id: b
    title: B
    hours: 5
    evidence: {repository: [readme, readme]}
  - id: c
    title: C
    hours: 5
    evidence: {logs: [errors]}
`);
    expect(problemsOf(file, 'r.yaml')).toEqual([
      'r.yaml:9:35 stages[0].evidence.database[1] must be one of schema, todo-stored, password-hashed',
      'r.yaml:13:28 stages[1].evidence.repository must name each at most once',
      'r.yaml:17:16 stages[2].evidence.logs is not a known field',
    ]);
    const crossed = write(`${HEAD}  - id: a
    title: A
    hours: 5
    evidence: {none: nothing to see, repository: [readme]}
  - id: b
    title: B
    hours: 5
    evidence: {database: [password-hashed]}
  - id: c
    title: C
    hours: 5
    evidence: {}
`);
    expect(problemsOf(crossed, 'r.yaml')).toEqual([
      'r.yaml:9:15 stages[0].evidence says none, yet the stage has repository: say why nothing is checked only when nothing is',
      "r.yaml:13:26 stages[1].evidence.database asks for password-hashed, which registers a user through the roadmap's login block; the roadmap has none",
      'r.yaml:17:15 stages[2].evidence must name at least one kind (database, repository, openapi, container) or say none: why no machine can judge it',
    ]);
  });
});

describe("the compiled roadmap's checksum", () => {
  /** FNV-1a over little-endian 32-bit words, a word a turn, then the bytes left over: the format's definition. */
  function reference(bytes: Uint8Array): string {
    let hash = 0x811c9dc5;
    const whole = bytes.length - (bytes.length % 4);
    for (let at = 0; at < whole; at += 4) {
      const word = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
      hash = Math.imul(hash ^ word, 16777619);
    }
    for (let at = whole; at < bytes.length; at++) hash = Math.imul(hash ^ bytes[at]!, 16777619);
    return (hash >>> 0).toString(16).padStart(8, '0');
  }

  it('is FNV-1a over words for any bytes at any offset, as the files written by earlier versions hold it', () => {
    expect(checksum(Buffer.alloc(0))).toBe('811c9dc5');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(7), (bytes, offset) => {
        // A Buffer that starts anywhere in its memory, as a file's body after its header does.
        const shifted = Buffer.alloc(bytes.length + offset);
        shifted.set(bytes, offset);
        expect(checksum(shifted.subarray(offset))).toBe(reference(bytes));
      }),
    );
  });
});
