import { getSystemErrorMap } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeCode } from '../../src/errors.js';

describe('describeCode', () => {
  it.each([
    ['ENOENT', 'it does not exist'],
    ['ENXIO', 'it is a device or socket that cannot be opened as a file'],
    ['ENAMETOOLONG', 'its name is too long for the file system'],
    ['EINVAL', 'the file system does not allow that here'],
    ['EACCES', 'permission denied'],
  ])('says %s in words', (code, words) => {
    expect(describeCode(code)).toBe(words);
  });

  it('says every code the system has in words, never as the code', () => {
    for (const [name] of getSystemErrorMap().values())
      expect(describeCode(name), name).not.toMatch(/\bE[A-Z0-9]{2,}\b/);
  });
});
