import type { LogEntry } from '../coach/types.js';
import type { SavedData } from './schema.js';

/**
 * The progress file's text: JSON indented with tabs, the log last, one entry a line. The log is
 * what grows, so a save that only adds entries can copy the log's text as the file holds it and
 * write the new entries after it, instead of parsing and writing every entry again (store.ts,
 * with the summary's word that the file is the one a save wrote).
 */
export interface FileText {
  text: string;
  /**
   * Where the log starts: the offset of `,\n\t"log": [`, which only the end of the file follows,
   * in string positions (the file is read and written as a string).
   */
  logAt: number;
}

const LOG_KEY = ',\n\t"log": ';
const END = '\n}\n';

const entryText = (entry: LogEntry) => JSON.stringify(entry);

function logText(log: readonly LogEntry[]): string {
  if (log.length === 0) return '[]';
  const lines = new Array<string>(log.length);
  for (let i = 0; i < log.length; i++) lines[i] = entryText(log[i]!);
  return `[\n\t\t${lines.join(',\n\t\t')}\n\t]`;
}

/** Everything but the log, as the start of the file: the object left open for the log. */
function headText(data: SavedData): string {
  const { log: _log, ...rest } = data;
  // schemaVersion is always there, so the object is never empty and ends in "\n}".
  return JSON.stringify(rest, null, '\t').slice(0, -2);
}

/** The file: everything but the log, then the log's text `log`, then the end. */
function assemble(data: SavedData, log: string): FileText {
  const head = headText(data);
  return { text: `${head}${LOG_KEY}${log}${END}`, logAt: head.length };
}

export const fileText = (data: SavedData): FileText => assemble(data, logText(data.log));

/** The log's text in `source` when the file is laid out so, its log starting at `logAt`. */
export function logTextAt(source: string, logAt: number): string | undefined {
  if (!source.startsWith(`${LOG_KEY}[`, logAt) || !source.endsWith(`]${END}`)) return undefined;
  const log = source.slice(logAt + LOG_KEY.length, source.length - END.length);
  return log === '[]' || log.endsWith('\n\t]') ? log : undefined;
}

/** The file's text up to `logAt`, with an empty log: everything but the log, as a file (for parseSaved). */
export const withoutLog = (source: string, logAt: number): string => `${source.slice(0, logAt)}${LOG_KEY}[]${END}`;

/** The text of `data` whose log is the log `kept` (logTextAt's) and the entries `added` after it. */
export function fileTextAdding(data: SavedData, kept: string, added: readonly LogEntry[]): FileText {
  if (added.length === 0) return assemble(data, kept);
  if (kept === '[]') return assemble(data, logText(added));
  return assemble(data, `${kept.slice(0, -3)},\n\t\t${added.map(entryText).join(',\n\t\t')}\n\t]`);
}
