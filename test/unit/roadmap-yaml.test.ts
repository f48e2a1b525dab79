import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { readQuickly } from '../../src/roadmap/load.js';

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
    ['quoted strings and escapes', `a: "tab\\there \\u00e9 \\"q\\""\nb: 'it''s'\nc: '#not a comment'\nd: "123"\n`],
    [
      'literal and folded blocks',
      'a: |\n  line one\n  line two\nb: >\n  folded\n  text\n\n  para\nc: |-\n  kept\nd: >+\n  kept end\n\n',
    ],
    [
      'plain scalars over several lines and comments',
      'title: a long\n  title over\n  lines # comment\n# whole line\nnote: x#y\n',
    ],
    ['Windows line endings', 'id: t\r\nstages:\r\n  - id: a\r\n    title: |\r\n      two\r\n      lines\r\n'],
    ['a byte order mark', '\uFEFFid: t\ntitle: T\n'],
    ['document markers', '---\nid: t\n...\n'],
    ['an anchor no alias uses, and an explicit tag', 'a: &x {b: 1}\nc: !!str 12\nd: !!int "7"\n'],
    ['keys that are numbers and booleans', '1: one\ntrue: yes\n2.5: x\n'],
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
    ['a file with no document', '# nothing here\n'],
    ['a repeated key', 'a: 1\na: 2\n'],
    ['a tag neither knows', 'a: !thing x\n'],
    ['a tab for indentation', 'a:\n\tb: 1\n'],
    ['an unclosed quote', 'a: "open\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
  ])('leaves %s to yaml', (_name, source) => {
    expect(readQuickly(source)).toBeUndefined();
  });

  it('reads whatever yaml writes, in any style, as yaml reads it', () => {
    const key = fc.string({ unit: 'grapheme', maxLength: 8 }).filter((k) => k !== 'null');
    const scalar = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('yes', 'no', '1_000', '2026-01-05', '0o17', '.5', '~', 'true', '- x', 'a: b', '# c'),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('tree'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
    }));
    const style = fc.record({
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      indent: fc.integer({ min: 1, max: 4 }),
    } as const);
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }), style, (data, options) => {
        const source = stringify(data, options);
        const quick = readQuickly(source);
        expect(quick).toBeDefined();
        expect(quick).toEqual(yamlReads(source));
      }),
      { numRuns: 2000 },
    );
  });
});
