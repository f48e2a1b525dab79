import { describe, expect, it } from 'vitest';
import { verdictLabel } from '../../src/ui/verdict.js';

describe('the verdict in a few words, as the exports and the card print it', () => {
  it.each([
    [{ verdict: 'on-track', daysAhead: -2, gaps: [] }, 'on track'],
    [{ verdict: 'ahead', daysAhead: 1, gaps: [] }, '1 day ahead'],
    [{ verdict: 'ahead', daysAhead: 28, gaps: [] }, '28 days ahead'],
    [{ verdict: 'behind', daysAhead: -1, gaps: [] }, '1 day behind'],
    [{ verdict: 'behind', daysAhead: -65, gaps: [] }, '65 days behind'],
    [{ verdict: 'finished', daysAhead: 14, gaps: [] }, 'finished'],
    [
      { verdict: 'incomplete', daysAhead: 3, gaps: [{ id: 'sql' }, { id: 'auth' }] },
      'every stage kept is done; 2 required stages skipped',
    ],
  ] as const)('%j is "%s"', (standing, label) => {
    expect(verdictLabel(standing)).toBe(label);
  });
});
