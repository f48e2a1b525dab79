/* eslint-disable no-control-regex -- matching control characters is the point of this file. */

// Escape sequences first (CSI, OSC up to BEL or ST, and two-byte escapes), then any control
// character left over, so a roadmap's text can neither move the cursor nor set titles or links.
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u009b[0-?]*[ -/]*[@-~]|\u001b[@-_]?/g;
const LINE_BREAKS = /[\t\n\r\v\f]+/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** A roadmap text made safe to print: escape sequences and control characters removed. */
export function stripControl(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(LINE_BREAKS, ' ').replace(CONTROL, '').trim();
}

/** Applies stripControl to every string and map key of parsed YAML. */
export function sanitizeTree(value: unknown): unknown {
  if (typeof value === 'string') return stripControl(value);
  if (Array.isArray(value)) return value.map(sanitizeTree);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [stripControl(key), sanitizeTree(inner)]));
  }
  return value;
}
