/**
 * A walk over JSON text that finds places in it, for the messages about a damaged progress file:
 * where the grammar breaks, where a key appears twice, where a field's value or key starts. It
 * builds nothing: strings are skipped with a regular expression that jumps to the next quote or
 * backslash, and only the keys along the way are decoded, so a 50 MB file costs about what
 * JSON.parse costs. (The YAML parser that located these before built a node for every value:
 * 14 seconds and 1.8 GB for a 50 MB note. JSON tree parsers build the same kind of tree.)
 */

export type Step = string | number;

/** What the walk reports; a callback that returns true ends the walk there. */
export interface JsonVisitor {
  /** A value starts at `offset`; `path` is the walk's own stack, valid only during the call. */
  value?: (path: readonly Step[], offset: number) => boolean | void;
  /** A key of the object at `path` starts at `offset`. */
  key?: (path: readonly Step[], key: string, offset: number) => boolean | void;
}

/** Where and why the walk stopped early: a grammar fault or a repeated key. */
export interface JsonFault {
  offset: number;
  /** What breaks the grammar (to end "it is not valid JSON: …"), or the repeated key, quoted. */
  message: string;
  /** Set for a repeated key: the path of the object holding it. */
  path?: Step[];
}

const SPACE = /[ \t\n\r]*/y;
const INTEGER = /-?(?:0|[1-9]\d*)/y;
const FRACTION = /\.\d*/y;
const EXPONENT = /[eE][+-]?\d*/y;
// Inside a string, the next character that needs a look: its end, an escape, or a raw control character.
// eslint-disable-next-line no-control-regex -- raw control characters are what it looks for.
const STRING_SPECIAL = /["\\\u0000-\u001f]/g;
const ESCAPE = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;

interface Frame {
  array: boolean;
  keys?: Set<string>;
}

class Fault {
  path?: Step[];
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

function space(text: string, at: number): number {
  SPACE.lastIndex = at;
  SPACE.test(text);
  return SPACE.lastIndex;
}

/** The offset just past the string that starts at `at` (a quote). */
function skipString(text: string, at: number): number {
  let i = at + 1;
  for (;;) {
    STRING_SPECIAL.lastIndex = i;
    const found = STRING_SPECIAL.exec(text);
    if (!found) throw new Fault(text.length, 'the file ends inside a string');
    i = found.index;
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c !== 92) throw new Fault(i, 'a line break or control character inside a string must be escaped');
    ESCAPE.lastIndex = i + 1;
    if (!ESCAPE.test(text)) throw badEscape(text, i + 1);
    i = ESCAPE.lastIndex;
  }
}

/** The fault of an escape that `at` (just after its backslash) does not complete: at the first wrong character. */
function badEscape(text: string, at: number): Fault {
  if (text.charAt(at) !== 'u')
    return new Fault(at, 'a backslash in a string must start an escape such as \\n, \\" or \\u00e9');
  let i = at + 1;
  while (i < at + 5 && /[0-9a-fA-F]/.test(text.charAt(i))) i += 1;
  return new Fault(i, '\\u must be followed by four hexadecimal digits');
}

/** The offset past the number, true, false or null at `at`, or a fault when no value starts there. */
function skipScalar(text: string, at: number): number {
  const word = ({ t: 'true', f: 'false', n: 'null' } as Record<string, string>)[text.charAt(at)];
  if (word) {
    let i = at + 1;
    while (i < at + word.length && text.charAt(i) === word.charAt(i - at)) i += 1;
    if (i === at + word.length) return i;
    throw new Fault(i, i >= text.length ? 'the file ends inside a value' : `${word} was expected here`);
  }
  INTEGER.lastIndex = at;
  if (!INTEGER.test(text)) {
    if (text.charCodeAt(at) === 45) throw new Fault(at + 1, 'a minus sign must be followed by digits');
    throw new Fault(at, at >= text.length ? 'the file ends where a value should be' : 'a value was expected here');
  }
  let i = INTEGER.lastIndex;
  // A fraction or an exponent, once begun, needs a digit: "1." and "1e" break where the digit should be.
  for (const part of [FRACTION, EXPONENT]) {
    part.lastIndex = i;
    if (!part.test(text)) continue;
    if (!/\d/.test(text.charAt(part.lastIndex - 1))) throw new Fault(part.lastIndex, 'a digit was expected here');
    i = part.lastIndex;
  }
  return i;
}

/** Thrown (and caught below) when the visitor has found what it looked for. */
const STOP = Symbol('stop');

/** One walk: the position, the path to the value there, and the open objects and lists. */
class Walk {
  i = 0;
  readonly path: Step[] = [];
  readonly frames: Frame[] = [];

  constructor(
    readonly text: string,
    readonly visitor: JsonVisitor,
    readonly duplicates: boolean,
  ) {}

  /** Reads the value at the position: a scalar whole, or the opening of an object or list. True when one opened. */
  value(): boolean {
    const { text } = this;
    if (this.visitor.value?.(this.path, this.i)) throw STOP;
    const c = text.charCodeAt(this.i);
    if (c !== 123 && c !== 91) {
      this.i = c === 34 ? skipString(text, this.i) : skipScalar(text, this.i);
      return false;
    }
    const array = c === 91;
    this.i = space(text, this.i + 1);
    if (text.charCodeAt(this.i) === (array ? 93 : 125)) {
      this.i += 1;
      return false;
    }
    const frame = { array, keys: this.duplicates && !array ? new Set<string>() : undefined };
    this.frames.push(frame);
    if (array) this.path.push(0);
    else this.key(frame);
    return true;
  }

  /** Reads the key at the position and its colon, and stands on its value. */
  key(frame: Frame): void {
    const { text, i: at } = this;
    if (text.charCodeAt(at) !== 34)
      throw new Fault(
        at,
        at >= text.length ? 'the file ends where a key should be' : 'a key in double quotes was expected here',
      );
    const end = skipString(text, at);
    const key = JSON.parse(text.slice(at, end)) as string;
    if (frame.keys?.has(key)) {
      const fault = new Fault(at, JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key));
      fault.path = [...this.path];
      throw fault;
    }
    frame.keys?.add(key);
    if (this.visitor.key?.(this.path, key, at)) throw STOP;
    const colon = space(text, end);
    if (text.charCodeAt(colon) !== 58) throw new Fault(colon, "':' was expected after the key");
    this.path.push(key);
    this.i = space(text, colon + 1);
  }

  /** After a value: moves to the next one (true), or closes objects and lists; false at the end of the text. */
  next(): boolean {
    const { text } = this;
    for (;;) {
      this.i = space(text, this.i);
      const frame = this.frames.at(-1);
      if (!frame) {
        if (this.i < text.length) throw new Fault(this.i, 'the file goes on after its one value ends');
        return false;
      }
      const c = text.charCodeAt(this.i);
      if (c === 44) {
        this.i = space(text, this.i + 1);
        if (frame.array) this.path[this.path.length - 1] = (this.path.at(-1) as number) + 1;
        else {
          this.path.pop();
          this.key(frame);
        }
        return true;
      }
      if (c !== (frame.array ? 93 : 125)) {
        const expected = frame.array ? "',' or ']'" : "',' or '}'";
        throw new Fault(
          this.i,
          this.i >= text.length ? `the file ends where ${expected} should be` : `${expected} was expected here`,
        );
      }
      this.path.pop();
      this.frames.pop();
      this.i += 1;
    }
  }
}

/**
 * Walks `text` from the start, calling the visitor, and returns the first fault (or undefined
 * when the walk ran to the end or the visitor stopped it). With `duplicates`, a key that appears
 * twice in one object is a fault too. Nesting is kept on a list, not the call stack, so a file
 * nesting lists a million deep is walked like any other.
 */
export function walkJson(text: string, visitor: JsonVisitor = {}, duplicates = false): JsonFault | undefined {
  const walk = new Walk(text, visitor, duplicates);
  try {
    walk.i = space(text, 0);
    for (let more = true; more; more = walk.next()) {
      // An object or list that opens stands on its first value, which is read in turn.
      while (walk.value());
    }
    return undefined;
  } catch (error) {
    if (error === STOP) return undefined;
    if (error instanceof Fault) return { offset: error.offset, message: error.message, path: error.path };
    throw error;
  }
}

/**
 * The offset of the value at `path` (or of its key, with `key`), or of the nearest parent that
 * exists. The walk stops there, so a problem early in a big file is found early.
 */
export function offsetOf(text: string, path: readonly Step[], key?: string): number {
  let best = 0;
  let depth = 0;
  const matches = (at: readonly Step[]) => at.length <= path.length && at.every((step, i) => step === path[i]);
  walkJson(text, {
    value(at, offset) {
      if (!matches(at)) return at.length <= depth;
      best = offset;
      depth = at.length;
      return key === undefined && at.length === path.length;
    },
    key(at, name, offset) {
      if (key === undefined || name !== key || at.length !== path.length - 1 || !matches(at)) return false;
      best = offset;
      return true;
    },
  });
  return best;
}

/** Line and column (both from 1) of an offset, counted without splitting the text. */
export function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}
