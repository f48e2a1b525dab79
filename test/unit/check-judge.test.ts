import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeAnswer,
  describeExpectation,
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
