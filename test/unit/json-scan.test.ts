import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAndColumn, offsetOf, walkJson, type Step } from '../../src/validation/json-scan.js';

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

// JSON text, and near-misses of it: a character dropped, doubled or replaced by one JSON cares about.
const nearJson = fc.oneof(
  fc.json(),
  fc
    .tuple(
      fc.json(),
      fc.nat(),
      fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', '\n', '\u0001', '0', 'e', '-', ' '),
    )
    .map(([text, at, c]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + c + text.slice(i + (c === '' ? 1 : 0));
    }),
  fc.string(),
);

/** Every path in a JSON value, with the value there. */
function paths(value: unknown, at: Step[] = []): [Step[], unknown][] {
  const here: [Step[], unknown][] = [[at, value]];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => paths(item, [...at, i]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...at, key]))];
  return here;
}

describe('the JSON walk', () => {
  it('finds a fault exactly when JSON.parse refuses the text', () => {
    fc.assert(
      fc.property(nearJson, (text) => (walkJson(text) === undefined) === parses(text)),
      { numRuns: 3000 },
    );
  });

  it('puts the fault where JSON.parse does, when JSON.parse says where', () => {
    fc.assert(
      fc.property(nearJson, (text) => {
        let position: number | undefined;
        try {
          JSON.parse(text);
        } catch (error) {
          const found = /at position (\d+)/.exec((error as Error).message);
          position = found ? Number(found[1]) : undefined;
        }
        return position === undefined || walkJson(text)?.offset === position;
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['{"a":}', 5, 'a value was expected here'],
    ['{"a":1,}', 7, 'a key in double quotes was expected here'],
    ['{"a":1', 6, "the file ends where ',' or '}' should be"],
    ['{"a":"x\ny"}', 7, 'a line break or control character inside a string must be escaped'],
    ['[1] 2', 4, 'the file goes on after its one value ends'],
    ['', 0, 'the file ends where a value should be'],
  ])('names what breaks %j and where', (text, offset, message) => {
    expect(walkJson(text)).toEqual({ offset, message, path: undefined });
  });

  it('walks lists nested a million deep without running out of stack', () => {
    const deep = `{"log":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    expect(walkJson(deep)).toBeUndefined();
    expect(walkJson(deep.slice(0, -2))?.offset).toBe(deep.length - 2);
  });

  it('finds a key that appears twice in one object, with the object it is in', () => {
    const text = '{"a": {"b": 1, "c": 2, "b": 3}, "b": 4}';
    expect(walkJson(text, {}, true)).toEqual({ offset: text.lastIndexOf('"b": 3'), message: '"b"', path: ['a'] });
    expect(walkJson('{"a": 1, "b": {"a": 2}}', {}, true)).toBeUndefined();
  });

  it('never calls text that JSON.stringify wrote a repeated key', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => walkJson(JSON.stringify(value), {}, true) === undefined));
  });
});

describe('offsetOf', () => {
  it('points at the value every path leads to, and at its key when asked', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, pick) => {
        const text = JSON.stringify(value);
        const all = paths(value);
        const [path, found] = all[pick % all.length]!;
        if (!text.startsWith(JSON.stringify(found), offsetOf(text, path))) return false;
        const last = path.at(-1);
        return typeof last !== 'string' || text.startsWith(`${JSON.stringify(last)}:`, offsetOf(text, path, last));
      }),
      { numRuns: 2000 },
    );
  });

  it('falls back to the nearest parent that exists', () => {
    const text = '{\n\t"log": [\n\t\t{"date": "2026-01-06"}\n\t]\n}';
    expect(offsetOf(text, ['log', 0, 'hours'])).toBe(text.indexOf('{"date"'));
    expect(offsetOf(text, ['log', 3])).toBe(text.indexOf('['));
    expect(offsetOf(text, ['notes', 's1'])).toBe(0);
  });
});

describe('lineAndColumn', () => {
  it.each([
    ['abc', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['a\nbc', 2, 2, 1],
    ['a\nbc', 3, 2, 2],
    ['a\n\n', 3, 3, 1],
  ])('in %j, offset %i is line %i, column %i', (text, offset, line, col) => {
    expect(lineAndColumn(text, offset)).toEqual({ line, col });
  });
});
