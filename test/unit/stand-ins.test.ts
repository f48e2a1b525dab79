// The build swaps a few imports inside conf and its writer for smaller modules (scripts/stubs,
// listed in scripts/build.mjs). Each must give what the import it replaces gave, for the calls
// those packages make.
import * as crypto from 'node:crypto';
import { closeSync, openSync, readFileSync, stat, statSync, write } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as util from 'node:util';
import { describe, expect, it } from 'vitest';
import envPaths from 'env-paths';
import { tempDir } from '../helpers/store.js';

const require = createRequire(import.meta.url);
const stub = (name: string) => require(`../../scripts/stubs/${name}`);

describe("the stand-ins for conf's imports", () => {
  it('compares as assert.deepEqual does: same values pass, any difference throws', () => {
    const { deepEqual } = stub('conf-assert.cjs') as { deepEqual: (a: unknown, b: unknown) => void };
    const file = { plan: { stages: [1, 2] }, log: [] };
    // conf's copy: a null-prototype object holding the file's own values.
    expect(() => deepEqual(file, Object.assign(Object.create(null), file))).not.toThrow();
    expect(() => deepEqual(file, { plan: { stages: [1, 2] }, log: [] })).not.toThrow();
    expect(() => deepEqual(file, { plan: { stages: [1, 3] }, log: [] })).toThrow();
    expect(() => deepEqual(file, { plan: file.plan })).toThrow();
    expect(() => deepEqual(file, { ...file, extra: 1 })).toThrow();
  });

  it('promisifies as node:util does, with its results and errors, and only when first called', async () => {
    const lazy = stub('lazy-promisify.cjs') as typeof util;
    const dir = tempDir();
    const promisedStat = lazy.promisify(stat) as (path: string) => Promise<import('node:fs').Stats>;
    expect((await promisedStat(dir)).ino).toBe(statSync(dir).ino);
    await expect(promisedStat(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    // fs.write's promised form resolves to an object, as node:util makes it.
    const fd = openSync(join(dir, 'file'), 'w');
    try {
      const written = await (lazy.promisify(write) as unknown as (fd: number, text: string) => Promise<unknown>)(
        fd,
        'hi',
      );
      expect(written).toEqual({ bytesWritten: 2, buffer: 'hi' });
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('hi');
    // Wrapping reads nothing of the function; node:util looks for its custom form on the first call.
    const looked: string[] = [];
    const callback = (done: (error: null, value: number) => void) => done(null, 7);
    Object.defineProperty(callback, util.promisify.custom, { get: () => void looked.push('custom') });
    const promised = lazy.promisify(callback);
    expect(looked).toEqual([]);
    expect(await promised()).toBe(7);
    expect(looked).toEqual(['custom']);
    // Any other import from node:util is node:util's own.
    expect(lazy.inspect).toBe(util.inspect);
  });

  it("gives node:crypto's own functions", () => {
    const lazy = stub('lazy-crypto.cjs') as typeof crypto;
    expect(lazy.createHash).toBe(crypto.createHash);
    expect(lazy.createHash('sha256').update('x').digest('hex')).toBe(
      crypto.createHash('sha256').update('x').digest('hex'),
    );
  });

  // env-paths is an ES module, which require() loads from Node 20.19 on (the bundle converts it).
  it.skipIf(!(process.features as { require_module?: boolean }).require_module)(
    "gives conf env-paths' folders when it asks for them (needs require() of ES modules)",
    () => {
      const lazy = stub('lazy-env-paths.cjs') as typeof envPaths;
      expect(lazy('backend-path', { suffix: '' })).toEqual(envPaths('backend-path', { suffix: '' }));
      expect(lazy('backend-path')).toEqual(envPaths('backend-path'));
    },
  );

  it('runs the callbacks still registered when the process exits, as when-exit does, and listens for no signal', () => {
    const script = [
      `const whenExit = require(${JSON.stringify(join(import.meta.dirname, '../../scripts/stubs/exit-only.cjs'))});`,
      "whenExit(() => process.stdout.write('purged '));",
      "const dispose = whenExit(() => process.stdout.write('disposed '));",
      'dispose();',
      "const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGALRM', 'SIGUSR2'];",
      "process.stdout.write(`listeners ${signals.map((s) => process.listenerCount(s)).join(',')} `);",
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect([result.status, result.stdout]).toEqual([0, 'listeners 0,0,0,0,0,0 purged ']);
  });
});
