import { describe, expect, it } from 'vitest';
import type { StatusLine } from '../../src/commands/status.js';
import { renderStatusLine } from '../../src/ui/render-short.js';

const LONG = 'a'.repeat(64);
const line = (change: Partial<StatusLine>): StatusLine => ({
  stage: 'rest-api',
  state: 'in-progress',
  daysLeft: 3,
  verdict: 'on-track',
  daysAhead: 0,
  startsInDays: null,
  session: null,
  problem: null,
  ...change,
});

describe('the prompt line', () => {
  it.each([
    ['a stage in progress', line({}), 'rest-api · 3d left · on track\n'],
    ['a session', line({ session: { stage: 'rest-api', minutes: 65 } }), '● rest-api 1:05 · on track\n'],
    ['before the first day', line({ state: 'upcoming', startsInDays: 14 }), 'rest-api · starts in 14d · on track\n'],
    [
      'every stage done before the first day',
      line({ stage: null, state: null, daysLeft: null, verdict: 'finished', startsInDays: 14 }),
      'finished\n',
    ],
    // A stage id too long for 60 columns is cut; the session's time and the verdict never are.
    ['a long stage id', line({ stage: LONG }), `${'a'.repeat(38)}… · 3d left · on track\n`],
    [
      'a session on a long stage id',
      line({ stage: LONG, session: { stage: LONG, minutes: 65 } }),
      `● ${'a'.repeat(41)}… 1:05 · on track\n`,
    ],
  ])('%s', (_what, status, expected) => {
    expect(renderStatusLine(status)).toBe(expected);
    expect(expected.length - 1).toBeLessThanOrEqual(60);
  });
});
