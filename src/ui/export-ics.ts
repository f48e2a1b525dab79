import ical, { ICalAlarmType, ICalEventRepeatingFreq, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import type { StageDetail, StageRow } from '../coach/stage.js';
import type { ExportData } from '../commands/export.js';
import { addDays, type IsoDate } from '../plan/dates.js';
import { duration } from './text.js';

/** A calendar date as UTC midnight: ical-generator writes all-day and floating times from the UTC fields. */
const utcDay = (date: IsoDate, hour = 0, minute = 0) =>
  new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hour, minute));

function description(detail: StageDetail): string {
  return [
    detail.summary,
    detail.topics.length > 0 ? `Topics: ${detail.topics.join('; ')}` : null,
    detail.tools.length > 0 ? `Tools: ${detail.tools.join('; ')}` : null,
    detail.project ? `Project: ${detail.project}` : null,
    ...detail.resources.map((r) => `${r.title}: ${r.url}`),
    ...detail.links.map((url) => `Proof: ${url}`),
    ...detail.notes.map((n) => `Note (${n.date}): ${n.text}`),
  ]
    .filter((line): line is string => !!line)
    .join('\n');
}

/** Where and how a stage appears: its agreed window while to do, the day it was done, or cancelled. */
function placement(row: StageRow): { start: IsoDate; end: IsoDate; summary: string; status: ICalEventStatus } {
  if (row.status === 'done')
    return { start: row.date!, end: row.date!, summary: `✔ Done: ${row.title}`, status: ICalEventStatus.CONFIRMED };
  if (row.status === 'skipped')
    return { start: row.date!, end: row.date!, summary: `Skipped: ${row.title}`, status: ICalEventStatus.CANCELLED };
  if (row.state !== 'unscheduled')
    return { start: row.start!, end: row.end!, summary: row.title, status: ICalEventStatus.CONFIRMED };
  // Outside the agreed plan: the days it would take if started today.
  return {
    start: row.start!,
    end: row.end!,
    summary: `${row.title} (not in your agreed plan)`,
    status: ICalEventStatus.TENTATIVE,
  };
}

/**
 * Raised when a release changes what an export's events hold for the same saved progress, so a
 * calendar takes them over the ones it imported before: 1 since the study session became daily.
 */
const SHAPE = 1;

/**
 * An RFC 5545 calendar that a newer export can replace an older one with: every stage is an
 * all-day event with a UID from the roadmap and stage ids (done stages on the day they were
 * done, skipped ones cancelled), the daily study session is one recurring event with a stable
 * UID until the finish (cancelled once nothing is left), and every event's SEQUENCE is the
 * progress file's revision, which every saved change raises, plus SHAPE.
 */
export function renderIcs(data: ExportData, session?: { hour: number; minute: number }): string {
  const { document: doc, details, revision } = data;
  // The daily session ends once nothing is left to study.
  const finished = details.every((detail) => detail.status !== 'todo');
  const calendar = ical({
    name: `backend-path: ${doc.roadmap.title}`,
    prodId: { company: 'backend-path', product: 'backend-path', language: 'EN' },
  });
  details.forEach((row) => {
    const where = placement(row);
    calendar.createEvent({
      id: `${row.id}.${doc.roadmap.id}@backend-path`,
      sequence: revision + SHAPE,
      summary: where.summary,
      description: description(row),
      start: utcDay(where.start),
      end: utcDay(addDays(where.end, 1)),
      allDay: true,
      status: where.status,
    });
  });
  if (session) {
    const titles = details.filter((r) => r.status === 'todo').map((r) => r.title);
    const until = doc.finish ?? doc.start;
    // The plan lays its hours out at a seventh of the week a day: the session books that, so the
    // calendar holds the whole weekly target (a weekly hour would hold an eighth of 8 h a week).
    const minutes = Math.max(1, Math.round((doc.hoursPerWeek / 7) * 60));
    calendar.createEvent({
      id: `study-session.${doc.roadmap.id}@backend-path`,
      sequence: revision + SHAPE,
      summary: 'Study session (backend-path)',
      description:
        titles.length > 0
          ? `${doc.hoursPerWeek} hours a week: ${duration(minutes)} a day. Still to do: ${titles.join('; ')}.`
          : 'Every stage is done.',
      start: utcDay(doc.start, session.hour, session.minute),
      end: new Date(utcDay(doc.start, session.hour, session.minute).getTime() + minutes * 60 * 1000),
      floating: true,
      repeating: { freq: ICalEventRepeatingFreq.DAILY, until: utcDay(until, 23, 59) },
      status: finished ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      alarms: finished
        ? []
        : [{ type: ICalAlarmType.display, trigger: 15 * 60, description: 'Study session in 15 minutes' }],
    });
  }
  const text = calendarText(calendar);
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/**
 * The calendar's text, as `calendar.toString()` writes it. ical-generator 10 folds the whole
 * text (lines over 75 bytes go on in lines starting with a space) measuring each character with
 * a new TextEncoder: a fifth of an export's time, most of it garbage collection; version 11
 * measures with Buffer.byteLength but needs Node 22. So the events, which are nearly all of the
 * text, are taken unfolded (ICalEvent.toString) and folded here the same way, with
 * Buffer.byteLength; the library folds the rest. `export --format ics` took 1.24x as long with
 * the library folding everything (medians of 25 paired runs, Node 20.20, 2 cores), and a test
 * checks the text is the library's own, byte for byte. The calendar is left without its events.
 */
export function calendarText(calendar: ICalCalendar): string {
  const events = calendar
    .events()
    .map((event) => event.toString())
    .join('');
  const shell = calendar.clear().toString();
  const end = shell.lastIndexOf('END:VCALENDAR');
  return `${shell.slice(0, end)}${foldLines(events)}${shell.slice(end)}`;
}

/** RFC 5545 folding as ical-generator 10 does it: at most 75 bytes a line, a pair of surrogates kept together. */
function foldLines(text: string): string {
  return text.split('\r\n').map(foldLine).join('\r\n');
}

/**
 * One line folded. Most lines are short and come back as they are; a long one is cut into slices
 * rather than rebuilt a character at a time (which left a 10,000-stage calendar with millions of
 * one-character strings: 80 MB still live after a full collection).
 */
function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= 74) return line;
  const rows: string[] = [];
  let from = 0;
  let bytes = 0;
  for (let i = 0; i < line.length; i++) {
    const at = i;
    const code = line.charCodeAt(i);
    let size = 1;
    if (code >= 0x80) {
      let char = line.charAt(i);
      if (code >= 0xd800 && code <= 0xdbff) char += line.charAt(++i);
      size = Buffer.byteLength(char);
    }
    bytes += size;
    if (bytes > 74) {
      rows.push(line.slice(from, at));
      from = at;
      bytes = size;
    }
  }
  rows.push(line.slice(from));
  return rows.join('\r\n ');
}
