import ical, { ICalAlarmType } from 'ical-generator';
import type { ExportData } from '../commands/export.js';
import { addDays, type IsoDate } from '../plan/dates.js';

/** A calendar date as UTC midnight: ical-generator writes all-day dates from the UTC fields. */
const utcDay = (date: IsoDate) => new Date(`${date}T00:00:00Z`);

/**
 * An RFC 5545 calendar: one all-day event per remaining stage over its window, with UIDs built
 * from the roadmap and stage ids so a re-import updates events instead of duplicating them;
 * with sessions, one study session a week at the given local time with a reminder.
 */
export function renderIcs(exported: ExportData, sessions?: { hour: number; minute: number }): string {
  const { roadmap, data, remaining, plan } = exported;
  const calendar = ical({ name: `backend-path: ${roadmap.title}`, prodId: { company: 'backend-path', product: 'backend-path', language: 'EN' } });
  for (const stage of remaining) {
    const description = [
      stage.summary,
      stage.topics.length > 0 ? `Topics: ${stage.topics.join('; ')}` : null,
      stage.tools.length > 0 ? `Tools: ${stage.tools.join('; ')}` : null,
      stage.project ? `Project: ${stage.project}` : null,
      ...stage.resources.map((r) => `${r.title}: ${r.url}`),
      ...stage.notes.map((n) => `Note (${n.date}): ${n.text}`),
    ].filter((line): line is string => !!line);
    calendar.createEvent({
      id: `${stage.id}.${roadmap.id}@backend-path`,
      summary: stage.title,
      description: description.join('\n'),
      start: utcDay(stage.start),
      end: utcDay(addDays(stage.end, 1)),
      allDay: true,
    });
  }
  if (sessions) {
    const todo = new Set(remaining.map((s) => s.id));
    const titles = new Map(roadmap.stages.map((s) => [s.id, s.title]));
    for (const week of plan.weeks) {
      const items = week.items.filter((item) => todo.has(item.stage));
      if (items.length === 0 || week.end < exported.today) continue;
      const [y, m, d] = week.start.split('-').map(Number) as [number, number, number];
      const start = new Date(Date.UTC(y, m - 1, d, sessions.hour, sessions.minute));
      calendar.createEvent({
        id: `session-${week.start}.${roadmap.id}@backend-path`,
        summary: `Study: ${items.map((item) => titles.get(item.stage)).join(', ')}`,
        description: `Week ${week.week} of your plan: ${items.map((i) => `${titles.get(i.stage)} ${i.hours} h`).join(', ')} (${data.profile.hoursPerWeek} h this week).`,
        start,
        end: new Date(start.getTime() + 60 * 60 * 1000),
        floating: true,
        alarms: [{ type: ICalAlarmType.display, trigger: 15 * 60, description: 'Study session in 15 minutes' }],
      });
    }
  }
  return calendar.toString();
}
