import { getSystemErrorMap } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { reportError } from '../../src/cli/report.js';
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

describe('a system error no command expected', () => {
  it('is reported with its code in words and the file it was about', async () => {
    let stderr = '';
    const io: Io = {
      argv: [],
      env: { NO_COLOR: '1' },
      cwd: '/',
      stdout: { write: () => true },
      stderr: { write: (text: string) => ((stderr += text), true) },
      stdinIsTTY: () => false,
      now: () => new Date(),
    };
    const error = Object.assign(new Error('ENXIO: no such device or address, open /run/x.sock'), {
      code: 'ENXIO',
      path: '/run/x.sock',
    });
    expect(await reportError(error, io)).toBe(1);
    expect(stderr.split('\n')[0]).toBe(
      'Error: something unexpected went wrong: it is a device or socket that cannot be opened as a file (/run/x.sock)',
    );
  });
});
