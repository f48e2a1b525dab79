import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeData, safeLine } from '../../src/validation/sanitize.js';

/** Characters a roadmap file, a progress file or a server may hold: plain ones, spaces, breaks, controls, bidi. */
const PIECES = [
  'a',
  'Z',
  'é',
  '·',
  ' ',
  '\u00a0',
  '\t',
  '\n',
  '\r',
  '\u2028',
  '\u001b[31m',
  '\u001b]8;;x\u0007',
  '\u009b1m',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\u0000',
  '\u007f',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((parts) => parts.join(''));
/** JSON-like values with such strings in keys and values. */
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(text, tie('node'), { maxKeys: 4 }),
  ),
})).node;

/**
 * A copy of a JSON-like value with `line` applied to every string and key, whose objects keep
 * having no prototype where they had none. With safeLine, what safeData promises, written the
 * plain way.
 */
function copied(input: unknown, line: (text: string) => string): unknown {
  if (typeof input === 'string') return line(input);
  if (Array.isArray(input)) return input.map((inner) => copied(inner, line));
  if (input !== null && typeof input === 'object') {
    const out = Object.create(Object.getPrototypeOf(input) === null ? null : Object.prototype);
    for (const [key, inner] of Object.entries(input)) out[line(key)] = copied(inner, line);
    return out;
  }
  return input;
}

describe('safeLine', () => {
  it.each([
    ['plain text', 'Build a REST API', 'Build a REST API'],
    ['colour codes', '\u001b[31mred\u001b[0m text', 'red text'],
    ['a terminal link', '\u001b]8;;https://x.test\u0007link\u001b]8;;\u0007', 'link'],
    ['line breaks and tabs', 'one\n\ttwo\r\nthree', 'one two three'],
    ['bidi overrides and invisible characters', 'evil\u202egnp.exe\u200b', 'evilgnp.exe'],
    ['spaces at the ends', '  padded \u00a0', 'padded'],
  ])('cleans %s', (_, input, expected) => {
    expect(safeLine(input)).toBe(expected);
  });
});

describe('safeData', () => {
  it('cleans every string and key exactly as a plain copy through safeLine would, leaving its input as it was', () => {
    fc.assert(
      fc.property(value, (input) => {
        const before = copied(input, (same) => same);
        expect(safeData(input)).toStrictEqual(copied(input, safeLine));
        expect(input).toStrictEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives back the very value when nothing in it needs cleaning', () => {
    const stages = [
      { id: 'language', title: 'Learn a language', hours: 20, done: true },
      { id: 'http', title: 'HTTP and REST', hours: 12, done: false, topics: ['methods', 'status codes'] },
    ];
    const result = { stages, finish: '2026-05-01', note: null };
    expect(safeData(result)).toBe(result);
  });

  it('copies only the path to a string it cleans, and shares the rest', () => {
    const clean = { id: 'http', title: 'HTTP and REST' };
    const dirty = { id: 'db', title: 'Data\u001b[2Jbases' };
    const result = { stages: [clean, dirty], finish: '2026-05-01' };
    const safe = safeData(result);
    expect(safe).toStrictEqual({ stages: [clean, { id: 'db', title: 'Databases' }], finish: '2026-05-01' });
    expect(safe).not.toBe(result);
    expect(safe.stages[0]).toBe(clean);
    expect(dirty.title).toBe('Data\u001b[2Jbases');
  });
});
