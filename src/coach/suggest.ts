import { MAX_SESSION_HOURS } from './rules.js';
import type { StageRow } from './stage.js';
import type { Standing } from './standing.js';

/**
 * The one command that helps most right now: stop a running session (for one forgotten
 * overnight, with a time an hour after it began, which the learner corrects as need be), the
 * first piece of advice when behind, mark a stage done once its hours are in, and otherwise
 * start studying it.
 */
export function suggestNext(
  standing: Standing,
  stage: StageRow | null,
  session: { start: string; minutes: number } | null,
): string {
  if (session) {
    return session.minutes > MAX_SESSION_HOURS * 60
      ? `backend-path stop --at ${anHourAfter(session.start)}`
      : 'backend-path stop';
  }
  const advised = standing.advice?.commands[0];
  if (advised) return advised;
  if (!stage) return 'backend-path export --format md -o plan.md';
  if (stage.hoursLeft <= 0) return `backend-path done ${stage.id}`;
  return `backend-path start ${stage.id}`;
}

/** A local start time plus one hour, written as `stop --at` takes it (YYYY-MM-DDTHH:MM). */
function anHourAfter(start: string): string {
  const [date, time] = start.split('T');
  const hour = Math.min(23, Number(time!.slice(0, 2)) + 1);
  return `${date}T${String(hour).padStart(2, '0')}:${time!.slice(3, 5)}`;
}
