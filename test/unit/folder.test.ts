import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeWhole } from '../../src/store/folder.js';
import { tempDir } from '../helpers/store.js';

describe('writeWhole', () => {
  it('writes parts one after another as one private file, and leaves no temporary file', () => {
    const dir = tempDir();
    const file = join(dir, 'out.json');
    const body = Buffer.from('{"a":1}');
    writeWhole(file, [body, Buffer.from('\n'), body]);
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"a":1}');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeWhole(file, 'replaced');
    expect(readFileSync(file, 'utf8')).toBe('replaced');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('fails without a trace where a folder stands in the file’s place', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'taken'));
    expect(() => writeWhole(join(dir, 'taken'), [Buffer.from('x')])).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});
