import { createRequire } from 'node:module';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';

// The build swaps a few imports of bundled packages for smaller stand-ins (scripts/build.mjs);
// each must keep the behaviour its package relies on.
const require = createRequire(import.meta.url);
const lazyStream = require('../../scripts/stubs/lazy-stream.cjs') as { Readable: typeof Readable };
const lazyCrypto = require('../../scripts/stubs/lazy-crypto.cjs') as typeof import('node:crypto');
const { default: confAssert } = (await import('../../scripts/stubs/conf-deep-equal.mjs' as string)) as { default: { deepEqual: (a: unknown, b: unknown) => void } };
const assertEqual = require('../../scripts/stubs/assert-equal.cjs') as { equal: (a: unknown, b: unknown, message: string) => void };

describe('the stand-ins the bundle uses', () => {
  it('lazy Readable answers instanceof as node:stream does', () => {
    expect(Readable.from(['text']) instanceof lazyStream.Readable).toBe(true);
    expect(new PassThrough() instanceof lazyStream.Readable).toBe(true);
    expect({ pipe() {} } instanceof lazyStream.Readable).toBe(false);
    expect((42 as unknown) instanceof lazyStream.Readable).toBe(false);
  });

  it('lazy crypto is node:crypto on first use', () => {
    expect(lazyCrypto.randomBytes(4)).toHaveLength(4);
    expect(lazyCrypto.createHash('sha256').update('a').digest('hex')).toBe('ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb');
  });

  it("conf's deepEqual accepts a null-prototype copy and refuses a change", () => {
    const store = { profile: { track: 'node' }, log: [{ date: '2026-01-05', hours: 1 }] };
    expect(() => confAssert.deepEqual(store, Object.assign(Object.create(null), store))).not.toThrow();
    expect(() => confAssert.deepEqual(store, Object.assign(Object.create(null), store, { extra: 1 }))).toThrow();
  });

  it("signal-exit's argument check still fails on a wrong type", () => {
    expect(() => assertEqual.equal('function', 'function', 'a callback')).not.toThrow();
    expect(() => assertEqual.equal('undefined', 'function', 'a callback must be provided')).toThrow('a callback must be provided');
  });
});
