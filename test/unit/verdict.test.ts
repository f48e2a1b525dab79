import { describe, expect, it } from 'vitest';
import { verdictLabel } from '../../src/ui/verdict.js';

describe('the verdict in a few words, as the exports and the card print it', () => {
  it.each([
    [{ verdict: 'on-track', daysAhead: -2 }, 'on track'],
    [{ verdict: 'ahead', daysAhead: 1 }, '1 day ahead'],
    [{ verdict: 'ahead', daysAhead: 28 }, '28 days ahead'],
    [{ verdict: 'behind', daysAhead: -1 }, '1 day behind'],
    [{ verdict: 'behind', daysAhead: -65 }, '65 days behind'],
    [{ verdict: 'finished', daysAhead: 14 }, 'finished'],
  ] as const)('%j is "%s"', (standing, label) => {
    expect(verdictLabel(standing)).toBe(label);
  });
});
