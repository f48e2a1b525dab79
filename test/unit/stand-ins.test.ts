// The build swaps a few imports inside conf and its writer for smaller modules (scripts/stubs,
// listed in scripts/build.mjs). Each must do what the import it replaces did, for every call
// those packages make.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
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

  it("promisifies a callback function on its first call, with node:util's results and errors", async () => {
    const { promisify } = stub('lazy-promisify.cjs') as { promisify: typeof import('node:util').promisify };
    const { stat } = await import('node:fs');
    const dir = tempDir();
    const promised = promisify(stat) as (path: string) => Promise<import('node:fs').Stats>;
    expect((await promised(dir)).ino).toBe(statSync(dir).ino);
    await expect(promised(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it("gives conf env-paths' folders when it asks for them", () => {
    const lazy = stub('lazy-env-paths.cjs') as typeof envPaths;
    expect(lazy('backend-path', { suffix: '' })).toEqual(envPaths('backend-path', { suffix: '' }));
    expect(lazy('backend-path')).toEqual(envPaths('backend-path'));
  });
});
