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

/** Applies safeLine to every string and map key of a JSON-like value. */
export function safeData<T>(value: T): T {
  if (typeof value === 'string') return safeLine(value) as T;
  if (Array.isArray(value)) return value.map(safeData) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Map)) {
    const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(value) === null ? null : Object.prototype);
    for (const [key, inner] of Object.entries(value)) out[safeLine(key)] = safeData(inner);
    return out as T;
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
