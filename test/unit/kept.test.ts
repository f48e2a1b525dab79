import { describe, expect, it } from 'vitest';
import { settledAt } from '../../src/store/folder.js';

// A run that began at 12:00:00.000 UTC on 6 Dec 2026, and files that last changed around then.
const started = Date.UTC(2026, 11, 6, 12, 0, 0);
const ns = (ms: number, extraNs = 0) => BigInt(ms) * 1_000_000n + BigInt(extraNs);

describe('when a file read by a run is settled enough for its output to be kept', () => {
  it.each([
    // A clock with fractions of a second (ext4, xfs, btrfs, tmpfs): 50 ms before the run.
    ['changed 60 ms before, fine clock', ns(started - 60, 123_456), true],
    ['changed 50.0001 ms before, fine clock', ns(started - 51, 999_900), true],
    ['changed 49 ms before, fine clock', ns(started - 49, 1), false],
    ['changed during the run, fine clock', ns(started + 5, 7), false],
    // Whole seconds only (ext3, FAT): 2 s before the run.
    ['changed 1 s before, whole-second clock', ns(started - 1_000), false],
    ['changed exactly 2 s before, whole-second clock', ns(started - 2_000), false],
    ['changed 3 s before, whole-second clock', ns(started - 3_000), true],
    // A change a day ago is settled on any clock.
    ['changed a day before, whole-second clock', ns(started - 86_400_000), true],
    ['changed a day before, fine clock', ns(started - 86_400_000, 42), true],
  ])('%s: %s', (_name, ctimeNs, expected) => {
    expect(settledAt(ctimeNs, started)).toBe(expected);
  });
});
