import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeAnswer,
  describeExpectation,
  serverErrorReason,
  fillValue,
  judge,
  missingVars,
  type Vars,
} from '../../src/check/judge.js';
import type { Expectation } from '../../src/roadmap/checks.js';

const created: Expectation = {
  status: [201],
  json: [
    ['$.id', { exists: true }],
    ['$.title', { equals: 'Learn SQL' }],
  ],
};
const capture: [string, string][] = [['id', '$.id']];
const answer = (status: number, body: unknown) => ({ status, location: null, text: JSON.stringify(body) });
const noVars: Vars = new Map();

describe('judging one answer', () => {
  it.each([
    ['the exact answer', answer(201, { id: 7, title: 'Learn SQL' }), 'passed', [], 7],
    ['200 for 201', answer(200, { id: 7, title: 'Learn SQL' }), 'near-miss', ['status'], 7],
    ['`_id` for `id`', answer(201, { _id: 'a1', title: 'Learn SQL' }), 'near-miss', ['underscore-id'], 'a1'],
    ['a {data: …} envelope', answer(201, { data: { id: 7, title: 'Learn SQL' } }), 'near-miss', ['envelope'], 7],
    [
      'an envelope, `_id` and 200 at once',
      answer(200, { data: { _id: 7, title: 'Learn SQL' } }),
      'near-miss',
      ['status', 'envelope', 'underscore-id'],
      7,
    ],
    ['a 401', answer(401, { error: 'log in' }), 'failed', [], undefined],
    ['a 500 with the right body', answer(500, { id: 7, title: 'Learn SQL' }), 'failed', [], undefined],
    ['no id at all', answer(201, { title: 'Learn SQL' }), 'failed', [], undefined],
  ] as const)('%s: %s', (_name, given, outcome, misses, id) => {
    const verdict = judge(created, capture, given, noVars);
    expect(verdict.outcome).toBe(outcome);
    expect(verdict.misses).toEqual(misses);
    expect(verdict.captured.get('id')).toBe(id);
  });

  it.each([
    [
      'a wrong title',
      answer(201, { id: 1, title: 'x' }),
      'The answer\'s $.title is "x", where the check expects $.title = "Learn SQL".',
    ],
    [
      'no id',
      answer(201, { title: 'Learn SQL' }),
      "The answer's $.id is missing, where the check expects $.id present.",
    ],
    [
      '200 for 201 (forgiven) and a wrong title',
      answer(200, { id: 1, title: 'x' }),
      'The answer\'s $.title is "x", where the check expects $.title = "Learn SQL".',
    ],
    ['the wrong status: the answer line shows it', answer(404, { error: 'not found' }), null],
  ] as const)('says which part of the answer failed: %s', (_name, given, detail) => {
    const verdict = judge(created, capture, given, noVars);
    expect([verdict.outcome, verdict.detail ?? null]).toEqual(['failed', detail]);
  });

  const holds = 'where the check expects a list without {"id":7}.';
  const cut = 'so the item may be further on: lacking it there proves nothing.';
  it.each([
    ['a list without it', answer(200, [{ id: 8, title: 'theirs' }]), 'passed', null],
    ['an empty list', answer(200, []), 'passed', null],
    ['a list holding it', answer(200, [{ id: 8 }, { id: 7, title: 'Private' }]), 'failed', holds],
    ['a list holding it by its text', answer(200, [{ id: '7' }]), 'failed', holds],
    // Not the near-miss words of rest-api: the leak is what failed, and the step's hint says so.
    ['a list holding it as `_id`', answer(200, [{ _id: 7, title: 'Private' }]), 'failed', holds],
    ['a list holding it in {"data": …}', answer(200, { data: [{ id: 7 }] }), 'failed', holds],
    ['a page holding it', answer(200, { count: 1, next: null, previous: null, results: [{ id: 7 }] }), 'failed', holds],
    [
      'a list in {"todos": …} holding it',
      answer(200, { todos: [{ id: 7 }] }),
      'failed',
      'Its list is inside {"todos": […]}',
    ],
    ['no list at all', answer(200, { id: 8 }), 'failed', 'where the check expects a list without'],
    ['the wrong status', answer(401, []), 'failed', null],
    // A page's worth, or a page with another after it, may hold it further on.
    [
      'exactly 20 without it',
      answer(
        200,
        Array.from({ length: 20 }, (_, i) => ({ id: 100 + i })),
      ),
      'failed',
      cut,
    ],
    [
      '21 without it',
      answer(
        200,
        Array.from({ length: 21 }, (_, i) => ({ id: 100 + i })),
      ),
      'passed',
      null,
    ],
    [
      'a first page without it',
      answer(200, { count: 40, next: 'http://x/todos/?page=2', previous: null, results: [{ id: 8 }] }),
      'failed',
      'The list is one page of several, so the item may be further on',
    ],
  ] as const)("a list that must lack an item (another user's list): %s", (_name, given, outcome, said) => {
    const vars: Vars = new Map([['private_id', 7]]);
    const lacks = { status: [200], json: [['$', { lacks: { id: '${private_id}' } }]] } satisfies Expectation;
    const verdict = judge(lacks, [], given, vars);
    expect(verdict.outcome).toBe(outcome);
    expect(verdict.reason).toBeNull();
    if (said === null) expect(verdict.detail ?? null).toBeNull();
    else expect(verdict.detail).toContain(said);
    expect(describeExpectation(lacks, vars)).toBe('200 with a list without {"id":7}');
  });

  it('says a list cut at a round number has likely met a default limit, and says nothing of one that is not', () => {
    const listed = { status: [200], json: [['$', { has: { id: '${id}' } }]] } satisfies Expectation;
    const vars: Vars = new Map([['id', 101]]);
    const full = answer(
      200,
      Array.from({ length: 100 }, (_, i) => ({ id: i + 1 })),
    );
    expect(judge(listed, [], full, vars).detail).toMatch(
      /, where the check expects a list holding \{"id":101\}\. It holds exactly 100 items, as a list stopped by a default limit or page size does: the checks add a todo on every run, so delete old todos or list the newest first\.$/,
    );
    const short = answer(
      200,
      Array.from({ length: 7 }, (_, i) => ({ id: i + 1 })),
    );
    expect(judge(listed, [], short, vars).detail).not.toContain('exactly');
    expect(judge(listed, [], answer(200, { todos: [{ id: 101 }] }), vars).detail).toBe(
      'The body is {"todos":[{"id":101}]}, where the check expects a list holding {"id":101}. Its list is inside {"todos": […]}; the stage asks for the list itself at the top level.',
    );
  });

  it('names a value later checks need that the answer lacks', () => {
    const verdict = judge({ status: [201], json: [] }, capture, answer(201, { title: 'Learn SQL' }), noVars);
    expect(verdict.detail).toBe('The answer has no $.id (a string or a number), which the checks after this one use.');
  });

  it('names only the near-misses the step needed: an `_id` nobody reads is no miss', () => {
    const listed: Expectation = { status: [200], json: [['$', { type: 'array' }]] };
    expect(judge(listed, [], answer(200, [{ _id: 1 }]), noVars).outcome).toBe('passed');
  });

  it('names `completed` even when the API ignored the {"done": true} it was sent', () => {
    const patched: Expectation = { status: [200], json: [['$.done', { equals: true }]] };
    const verdict = judge(patched, [], answer(200, { id: 1, completed: false }), noVars);
    expect(verdict.outcome).toBe('failed');
    expect(verdict.reason).toBe(
      'Its todos carry `completed` where the stage asks for `done`, so it ignored {"done": true}.',
    );
  });

  it('says the answer is not JSON only when its status was right', () => {
    expect(judge(created, capture, { status: 201, location: null, text: '<html>' }, noVars).reason).toBe(
      'The answer is not JSON.',
    );
    expect(judge(created, capture, { status: 404, location: null, text: '<html>' }, noVars).reason).toBeNull();
  });

  it('forgives Django REST Framework\'s page of a list as a near-miss and reads inside "results"', () => {
    const lists: Expectation = { status: [200], json: [['$', { has: { id: 7 } }]] };
    const page = { count: 1, next: null, previous: null, results: [{ id: 7, title: 'Learn SQL' }] };
    expect(judge(lists, [], answer(200, page), noVars)).toMatchObject({ outcome: 'near-miss', misses: ['paginated'] });
    // With `_id` inside the page as well, both are named.
    const renamed = { ...page, results: [{ _id: 7, title: 'Learn SQL' }] };
    expect(judge(lists, [], answer(200, renamed), noVars).misses).toEqual(['paginated', 'underscore-id']);
    // Inside a {"data": …} envelope, both are named.
    expect(judge(lists, [], answer(200, { data: page }), noVars).misses).toEqual(['envelope', 'paginated']);
    // A body with other keys beside the page's is not a page.
    expect(judge(lists, [], answer(200, { ...page, total: 1 }), noVars).outcome).toBe('failed');
    // Cursor pagination has no count: results alone (with next and previous) is a page.
    expect(judge(lists, [], answer(200, { next: null, previous: null, results: [{ id: 7 }] }), noVars).misses).toEqual([
      'paginated',
    ]);
  });

  it('accepts a numeric id where the roadmap wrote a string, and the other way round', () => {
    const vars: Vars = new Map([['id', 7]]);
    const lists: Expectation = { status: [200], json: [['$', { has: { id: '${id}' } }]] };
    expect(judge(lists, [], answer(200, [{ id: 7 }]), vars).outcome).toBe('passed');
    expect(judge(lists, [], answer(200, [{ id: '7' }]), vars).outcome).toBe('passed');
    expect(judge(lists, [], answer(200, [{ id: 8 }]), vars).outcome).toBe('failed');
  });
});

/** Express 5's own error page for a handler that threw, as it answered a real app without express.json(). */
const EXPRESS_500 =
  '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n' +
  '<pre>TypeError: Cannot destructure property &#39;title&#39; of &#39;req.body&#39; as it is undefined.<br> &nbsp; &nbsp;at /app/app.js:12:11<br> &nbsp; &nbsp;at Layer.handleRequest (/app/node_modules/router/lib/layer.js:169:33)</pre>\n' +
  '</body>\n</html>\n';

describe('a server error', () => {
  it.each([
    [
      "Express's page, req.body undefined",
      { status: 500, location: null, text: EXPRESS_500 },
      "It answered 500: the handler failed (TypeError: Cannot destructure property 'title' of 'req.body' as it is undefined.), and the server's log shows where. Express leaves req.body undefined unless app.use(express.json()) comes before the routes.",
    ],
    [
      'a JSON error',
      { status: 500, location: null, text: '{"detail":"database is down"}' },
      "It answered 500: the handler failed (database is down), and the server's log shows where.",
    ],
    [
      "Django's debug answer to a client that asks for JSON: plain text",
      {
        status: 500,
        location: null,
        text: 'IntegrityError at /todos/\nNOT NULL constraint failed: todos_todo.title\n\nRequest Method: POST\nRequest URL: http://127.0.0.1:8000/todos/\n',
      },
      "It answered 500: the handler failed (IntegrityError at /todos/: NOT NULL constraint failed: todos_todo.title), and the server's log shows where.",
    ],
    [
      "a production page that says no more than the status (Django's)",
      {
        status: 500,
        location: null,
        text: '<!doctype html>\n<html lang="en">\n<head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1></body></html>',
      },
      "It answered 500: the handler failed, and the server's log shows where.",
    ],
    [
      "nginx's 502",
      {
        status: 502,
        location: null,
        text: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
      },
      'It answered 502: a proxy or gateway in front of the app answered for it, so the app behind it is down, overloaded or too slow; its log shows which.',
    ],
    [
      'a bare one',
      { status: 500, location: null, text: 'Internal Server Error' },
      "It answered 500: the handler failed, and the server's log shows where.",
    ],
  ])('is said as a handler that failed, with its error: %s', (_name, given, sentence) => {
    expect(serverErrorReason(given, [201])).toBe(sentence);
  });

  it('is no reason when the step asked for it, nor for a 4xx', () => {
    expect(serverErrorReason({ status: 500, location: null, text: '' }, [500])).toBeNull();
    expect(serverErrorReason({ status: 404, location: null, text: '' }, [200])).toBeNull();
  });

  it("shows a web page's words, not its markup, and its title when it has no words", () => {
    expect(
      describeAnswer({
        status: 200,
        location: null,
        text: '<!doctype html>\n<html><head><title>Vite + React</title><script type="module" src="/src/main.jsx"></script></head><body><div id="root"></div></body></html>',
      }),
    ).toBe('200 (a web page) Vite + React');
    expect(describeAnswer({ status: 200, location: null, text: '<!doctype html><html><body></body></html>' })).toBe(
      '200 (a web page with no text)',
    );
    expect(describeAnswer({ status: 500, location: null, text: EXPRESS_500 })).toBe(
      "500 (a web page) TypeError: Cannot destructure property 'title' of 'req.body' as it is undefined. at /app/app.js:12:11 at Layer.handleRequest (/app/node_modules/router/lib/layer…",
    );
  });
});

describe('describing', () => {
  it('quotes a captured number as a number, not as a string', () => {
    const vars: Vars = new Map<string, unknown>([['id', 1]]);
    expect(describeExpectation({ status: [200], json: [['$', { has: { id: '${id}' } }]] }, vars)).toBe(
      '200 with a list holding {"id":1}',
    );
    expect(fillValue({ id: '${id}', title: 'todo ${id}' }, vars)).toEqual({ id: 1, title: 'todo 1' });
  });

  it('names each missing variable once', () => {
    expect(missingVars({ path: '/todos/${id}', expect: { id: '${id}' } }, noVars)).toEqual(['id']);
  });

  it('shows where a redirect points', () => {
    expect(describeAnswer({ status: 307, location: 'http://127.0.0.1:8000/todos/', text: '' })).toBe(
      '307 → http://127.0.0.1:8000/todos/ (empty body)',
    );
  });

  it('an answer whose status is not expected never passes, whatever its body', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }).filter((s) => s !== 201),
        fc.jsonValue(),
        (status, body) => {
          expect(judge(created, capture, answer(status, body), noVars).outcome).not.toBe('passed');
        },
      ),
    );
  });
});
