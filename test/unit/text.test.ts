import fc from 'fast-check';
import { wrapAnsi } from 'fast-wrap-ansi';
import { describe, expect, it } from 'vitest';
import { labelled, wrap } from '../../src/ui/text.js';

describe('wrapping by words', () => {
  it('wraps one-column text exactly as wrap-ansi does, without its Unicode tables', () => {
    // Letters and punctuation only: digits and backticks would be glued into one word before wrapping.
    const word = fc.stringMatching(/^[a-zA-Z.,:()é·–→-]{1,14}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 10, max: 120 }),
        (words, width) => {
          const text = words.join(' ');
          expect(wrap(text, width)).toBe(wrapAnsi(text, width, { hard: false, trim: true }));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('breaks paragraphs, dates, counts and short commands as wrap-ansi does with those phrases glued', () => {
    // Phrases the wrap keeps on one line, each known here by construction: the expected text is
    // wrap-ansi's, given the phrase with no-break spaces, which then read as spaces again.
    const phrase = fc.constantFrom(
      'Fri 25 Jun 2027',
      'Mon 5 Jan',
      '13 days',
      '4.5 h',
      '2 of 9',
      'on track',
      '`backend-path done http`',
      '`backend-path replan --hours 12`',
    );
    const word = fc.stringMatching(/^[a-zA-Z.,:()é·–→-]{1,14}$/);
    const paragraph = fc.array(fc.oneof(word, word, phrase), { minLength: 0, maxLength: 30 });
    fc.assert(
      fc.property(
        fc.array(paragraph, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 10, max: 120 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 4 }),
        (paragraphs, width, indent, hang) => {
          const room = Math.max(10, width - indent - hang);
          const expected = paragraphs
            .map((tokens) =>
              wrapAnsi(
                tokens
                  .map((token) =>
                    token.includes(' ') && (!token.startsWith('`') || token.length <= room)
                      ? token.replaceAll(' ', '\u00a0')
                      : token,
                  )
                  .join(' '),
                room,
                { hard: false, trim: true },
              )
                .split('\n')
                .map((line, i) => `${' '.repeat(i === 0 ? indent : indent + hang)}${line.replaceAll('\u00a0', ' ')}`)
                .join('\n'),
            )
            .join('\n');
          expect(wrap(paragraphs.map((tokens) => tokens.join(' ')).join('\n'), width, indent, hang)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('drops spaces at the ends of rows, keeps runs of spaces inside them, and keeps empty paragraphs', () => {
    expect(wrap('  one  two  ', 20)).toBe('one  two');
    expect(wrap('aaaaaaaa  bbbb', 10)).toBe('aaaaaaaa\nbbbb');
    expect(wrap('alpha beta\n\ngamma', 10)).toBe('alpha beta\n\ngamma');
    expect(wrap('one two three four five', 12, 2, 2)).toBe('  one two\n    three four\n    five');
    // A no-break space of the text's own prints as a space.
    expect(wrap('a\u00a0b c', 10)).toBe('a b c');
  });

  it('keeps "in progress" together as words, not when it begins a file name', () => {
    expect(wrap('Two stages are now in progress today', 22)).toBe('Two stages are now\nin progress today');
    expect(wrap('Your plan is kept in progress.json here', 21)).toBe('Your plan is kept in\nprogress.json here');
  });

  it('keeps a word longer than the line whole, on a line of its own', () => {
    expect(wrap('see https://example.com/a/very/long/path/that/does/not/fit here', 20)).toBe(
      'see\nhttps://example.com/a/very/long/path/that/does/not/fit\nhere',
    );
  });

  it('measures colour codes as no width, and hands wide characters to the library', () => {
    const bold = (text: string) => `\u001b[1m${text}\u001b[22m`;
    const unstyled = (text: string) => text.replaceAll('\u001b[1m', '').replaceAll('\u001b[22m', '');
    const plain = 'one two three four five six seven';
    expect(unstyled(wrap(`${bold('one two')} three four five six seven`, 12))).toBe(wrap(plain, 12));
    expect(wrap('日本語 の 文字 は 二桁 です', 10)).toBe(
      wrapAnsi('日本語 の 文字 は 二桁 です', 10, { hard: false, trim: true }),
    );
    // A date in bold stays whole as it does plain, though its colour code ends in a letter.
    expect(wrap('Dates Tue 19 Oct 2027', 16)).toBe('Dates\nTue 19 Oct 2027');
    expect(unstyled(wrap(`Dates ${bold('Tue 19 Oct 2027')}`, 16))).toBe('Dates\nTue 19 Oct 2027');
  });
});

describe('labelled', () => {
  it('starts every row of the text at one column, the first as wide as the rest', () => {
    expect(labelled('Label', 'aaaa bbbb cccc dddd eeee ffff gggg hhhh', 30)).toBe(
      'Label aaaa bbbb cccc dddd eeee\n      ffff gggg hhhh',
    );
    expect(labelled('Note', 'one two\nthree', 40)).toBe('Note one two\n     three');
    expect(labelled('Track    ', 'Node.js', 40, { indent: 2, paint: (text) => `<${text}>` })).toBe(
      '  <Track    > Node.js',
    );
  });

  it('leaves no space after a label with nothing beside it, and runs on from the label when the text would get under 20 columns', () => {
    expect(labelled('got     ', '', 40, { indent: 4 })).toBe('    got');
    expect(labelled('expected', 'one two three four', 24, { indent: 4 })).toBe(
      '    expected one two\n      three four',
    );
  });
});
