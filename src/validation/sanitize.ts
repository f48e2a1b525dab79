/* eslint-disable no-control-regex -- matching control characters is the point of this file. */

/**
 * The one sanitizer for text that reaches a terminal: whatever its source (a roadmap file, the
 * progress file, a flag, a server's answer, a parser's message), it can neither move the
 * cursor, set titles or links, reorder text with bidi overrides, nor hide characters.
 */

// Escape sequences first (CSI, OSC up to BEL or ST, two-byte escapes, and their C1 forms), so
// their parameters go with them; then any control or invisible character left over.
const ESCAPE_SEQUENCE =
  /\u001b\[[0-?]*[ -/]*[@-~]?|\u001b\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u009b[0-?]*[ -/]*[@-~]?|\u009d[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?/g;
const SPACES = /[\t\v\f\r\u2028\u2029]+/g;
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const INVISIBLE_AND_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Text safe for a terminal; line breaks are kept, tabs and other breaks become spaces. */
export function safeText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(SPACES, ' ').replace(INVISIBLE, '');
}

/** One line of text safe for a terminal: line breaks become spaces, and the ends are trimmed. */
export function safeLine(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/[\n\t\v\f\r\u2028\u2029]+/g, ' ')
    .replace(INVISIBLE_AND_NEWLINE, '')
    .trim();
}

/**
 * A string that safeLine leaves as it is has none of the characters its steps remove or replace
 * (every escape sequence starts with one of the controls here) and nothing for trim() to take at
 * either end (`\s` is the set trim() removes).
 */
const LINE_UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]|^\s|\s$/;

/**
 * Applies safeLine to every string and map key of a JSON-like value. Parts with nothing to clean
 * are the very parts given, so a clean result is not copied: a 10,000-stage `status` copied
 * 46 MB to clean nothing, a third of all it allocated.
 */
export function safeData<T>(value: T): T {
  if (typeof value === 'string') return (LINE_UNSAFE.test(value) ? safeLine(value) : value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const safe = safeData(value[i] as unknown);
      if (safe !== value[i]) (out ??= value.slice())[i] = safe;
    }
    return (out ?? value) as T;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Map)) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const safeKey = safeData(key);
      const safe = safeData(record[key]);
      if (!out && (safeKey !== key || safe !== record[key])) {
        // From here on, a copy: a plain object (or one without a prototype, as given).
        out = Object.create(Object.getPrototypeOf(value) === null ? null : Object.prototype) as Record<string, unknown>;
        for (const earlier of keys.slice(0, i)) out[earlier] = record[earlier];
      }
      if (out) out[safeKey] = safe;
    }
    return (out ?? value) as T;
  }
  return value;
}

const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** JSON text with every character a terminal could act on written as a \u escape (still the same JSON). */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    JSON_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
