import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateSaved } from '../../src/store/schema.js';
import { ProgressStore } from '../../src/store/store.js';
import { savedFor } from '../helpers/learner.js';
import { tempDir } from '../helpers/store.js';

vi.mock('../../src/store/schema.js', async (original) => {
  const actual = await original<typeof import('../../src/store/schema.js')>();
  return { ...actual, validateSaved: vi.fn(actual.validateSaved) };
});

const sample = () => savedFor({ hours: [10, 20], perWeek: 10, start: '2026-01-05' }).data;

afterEach(() => vi.restoreAllMocks());

describe('what a command costs the progress file', () => {
  it('is one parse and one validation for a read, and for a change one more validation of the new data', async () => {
    const dir = tempDir();
    const file = join(dir, 'progress.json');
    writeFileSync(file, `${JSON.stringify(sample(), null, '\t')}\n`);
    const text = readFileSync(file, 'utf8');
    const parse = vi.spyOn(JSON, 'parse');
    const parsesOfFile = () => parse.mock.calls.filter(([source]) => source === text).length;
    const store = new ProgressStore(dir);

    vi.mocked(validateSaved).mockClear();
    await store.read();
    expect({ parses: parsesOfFile(), validations: vi.mocked(validateSaved).mock.calls.length }).toEqual({
      parses: 1,
      validations: 1,
    });

    parse.mockClear();
    vi.mocked(validateSaved).mockClear();
    await store.update((current) => ({ data: { ...current!, log: [{ date: '2026-01-06', hours: 1 }] }, result: null }));
    expect({ parses: parsesOfFile(), validations: vi.mocked(validateSaved).mock.calls.length }).toEqual({
      parses: 1,
      validations: 2,
    });
    expect(JSON.parse(readFileSync(file, 'utf8')).log).toEqual([{ date: '2026-01-06', hours: 1 }]);
  });
});
