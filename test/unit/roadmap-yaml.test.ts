import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { readQuickly } from '../../src/roadmap/yaml-subset.js';

/** What yaml, the parser roadmaps were always read with, makes of a document. */
function yamlReads(source: string): unknown {
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: false });
  expect(doc.errors).toEqual([]);
  return doc.toJS();
}

describe('readQuickly: the fast reading of a roadmap file', () => {
  it.each([
    ['block maps and lists', 'id: t\nstages:\n  - id: a\n    hours: 2\n  - id: b\n    hours: 3.5\n'],
    [
      'flow maps in a block list',
      'stages:\n  - {id: s1, title: Stage 1, hours: 1}\n  - {id: s2, title: "Two: more", hours: 2}\n',
    ],
    [
      'every core scalar',
      'a: [1, -2, +3, 0o17, 0x1F, 017, 1.5, .5, 1e3, -1E-2, .inf, -.Inf, .NaN, ~, null, Null, true, False, TRUE]\n',
    ],
    [
      'words YAML 1.1 read as booleans, dates and times',
      'a: [yes, no, on, off, y, n, 2026-01-05, 12:30, 1:20:00, 1_000]\n',
    ],
    ['quoted strings and escapes', `a: "tab\\there \\u00e9 \\"q\\""\nb: 'it''s'\nc: '#not a comment'\n`],
    [
      'literal and folded blocks',
      'a: |\n  line one\n  line two\nb: >\n  folded\n  text\n\n  para\nc: |-\n  kept\nd: >-\n  cut end\n\n',
    ],
    [
      'plain scalars over several lines and comments',
      'title: a long\n  title over\n  lines # comment\n# whole line\nnote: x#y\n',
    ],
    ['Windows line endings', 'id: t\r\nstages:\r\n  - id: a\r\n    title: |\r\n      two\r\n      lines\r\n'],
    ['a document start marker', '---\nid: t\n'],
    ['a key that is a boolean', 'true: yes\nfalse: no\n'],
    ['quoted texts before a comment, a comma, a bracket or a colon', `a: "x" # c\nb: ['y', "z"]\n"c": {'d': "e"}\n`],
    ['unicode', 'title: Añadir caché — 学习 🚀\n'],
    ['empty values', 'a:\nb: []\nc: {}\nd: ""\n'],
  ])('reads %s as yaml does', (_name, source) => {
    const data = readQuickly(source);
    expect(data).toBeDefined();
    expect(data).toEqual(yamlReads(source));
  });

  it.each([
    ['an alias (yaml counts them)', 'a: &x [1]\nb: *x\n'],
    ['a %YAML 1.1 directive, under which yes is true', '%YAML 1.1\n---\na: yes\n'],
    ['a key written ~, which yaml calls "" and js-yaml "null"', '~: x\n'],
    ['a key left empty', 'a:\n  : x\n'],
    ['a key named null, even quoted', '"null": x\n'],
    ['a key longer than yaml allows', `${'k'.repeat(1025)}: x\n`],
    ['a number too large for a double, which yaml reads as Infinity', 'a: 1e400\nb: [1e309]\n'],
    ['the same as a key', '1e400: x\n'],
    ['text that may be a number, even quoted', 'a: "123"\n'],
    ['keys that are numbers', '1: one\n2.5: x\n'],
    ['a tag, such as !!float on a whole number (yaml: "1", js-yaml: 1)', 'a: !!float 1\n'],
    ['a line that ends in a lone CR (old Mac files)', 'id: t\rtitle: T\r'],
    ['a tab', 'a: "x\n\t\n  y"\n'],
    ['a line of ... (the end of a document)', '...\na: 1\n'],
    ['a document start marker that is indented', '  ---\n- 1\n'],
    ['an anchor, even one no alias uses', 'a: &x {b: 1}\nc: 2\n'],
    ['a byte order mark', '\uFEFFid: t\ntitle: T\n'],
    ['a line separator (U+2028)', 'a: x\u2028y\n'],
    ['a block scalar with an indentation indicator', 'a: |2\n   text\n'],
    ['a block scalar that keeps its final lines', 'a: >+\n  text\n\n'],
    ['a quoted text with more after it (yaml refuses it)', 'a:\n- "x"y: 1\n'],
    ['an escaped line break in a quoted text', 'a: "one\\\n\n  two"\n'],
    ['a file with no document', '# nothing here\n'],
    ['a document that is null', '~\n'],
    ['a repeated key', 'a: 1\na: 2\n'],
    ['a tag neither knows', 'a: !thing x\n'],
    ['an unclosed quote', 'a: "open\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
  ])('leaves %s to yaml', (_name, source) => {
    expect(readQuickly(source)).toBeUndefined();
  });

  it('reads roadmap-like data yaml writes, in any style, as yaml reads it', () => {
    // Text of letters, digits and YAML's punctuation; text that may be a number is left out, since
    // it always goes to yaml.
    const char = fc.constantFrom(...Array.from('abcXYZ 09-_:#@&*?|>\'"[]{},.é学🚀'));
    const text = fc.string({ unit: char, maxLength: 12 }).filter((t) => !/^[-+.\d]|^null$/.test(t));
    const scalar = fc.oneof(
      text,
      fc.constantFrom('yes', 'no', '1_000', '2026-01-05', '12:30', '~', 'true', '- x', 'a: b', '# c'),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('tree'), { maxLength: 4 }),
      map: fc.dictionary(text, tie('tree'), { maxKeys: 4 }),
    }));
    const style = fc.record({
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      indent: fc.integer({ min: 1, max: 4 }),
    } as const);
    let read = 0;
    fc.assert(
      fc.property(fc.dictionary(text, tree, { minKeys: 1, maxKeys: 5 }), style, (data, options) => {
        const source = stringify(data, options);
        const quick = readQuickly(source);
        if (quick === undefined) return;
        read++;
        expect(quick).toEqual(yamlReads(source));
      }),
      { numRuns: 2000 },
    );
    // Most of them are read the fast way (about 73%); the rest have text yaml reads alone (&, a
    // quote inside a plain text, |2).
    expect(read).toBeGreaterThan(1200);
  });

  it('gives data only where yaml reads the same data, whatever the text', () => {
    // Pieces of YAML: scalars of every kind, indicators, escapes, line breaks and indentation.
    const piece = fc.constantFrom(
      ...['a', 'b', 'x y', 'é', '1', '-1', '0x1F', '0o7', '1.5', '.5', '1e3', '1e400', '9'.repeat(30), '~', 'null'],
      ...['true', 'yes', '<<', ':', ': ', '- ', '? ', ',', '[', ']', '{', '}', '"', "'", "''", '#', ' #c'],
      ...['|', '>', '|-', '>+', '|1', '>2', '&x ', '*x', '!!str ', '!!float ', '!t ', '---', '...', '%YAML 1.1'],
      ...['"\\u00e9"', '\\x41', '\\N', '\\"', '\\', '\t', '\r', '\r\n', '\n', '\n  ', '\n    ', '  '],
      ...['\n- ', '\n  - ', '\u2028', '\u0085', '\uFEFF', '\u0000', '\u007f', '\u00a0', 'k'.repeat(1030)],
    );
    const context = fc.constantFrom('', 'id: x\nstages:\n  - ', 'a: ', 'a:\n- ', '- a: 1\n  b: ', 'a: [', 'a: {b: ');
    let read = 0;
    fc.assert(
      fc.property(context, fc.array(piece, { maxLength: 16 }), (start, pieces) => {
        const source = start + pieces.join('');
        const quick = readQuickly(source);
        if (quick === undefined) return;
        read++;
        const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: false });
        expect(doc.errors.map((error) => error.message)).toEqual([]);
        expect(quick).toEqual(doc.toJS());
      }),
      { numRuns: 20_000 },
    );
    // The fast reading took part: about a fifth of these documents are read by it.
    expect(read).toBeGreaterThan(1000);
  });
});
