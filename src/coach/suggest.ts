import { addDays } from '../plan/dates.js';
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
  const gap = standing.progress.gaps[0];
  // Skipping is not finishing: the first required stage skipped is what is left to study.
  if (!stage && gap) return `backend-path undo ${gap.id}`;
  if (!stage) return 'backend-path export --format md -o plan.md';
  if (stage.hoursLeft <= 0) return `backend-path done ${stage.id}`;
  return `backend-path start ${stage.id}`;
}

/** A local start time plus one hour, written as `stop --at` takes it (YYYY-MM-DDTHH:MM): the next day past midnight. */
export function anHourAfter(start: string): string {
  return minutesAfter(start, 60);
}

/** `minutes` after a local time YYYY-MM-DDTHH:MM:SS, written as `stop --at` takes it (YYYY-MM-DDTHH:MM). */
export function minutesAfter(start: string, minutes: number): string {
  const later = Number(start.slice(11, 13)) * 60 + Number(start.slice(14, 16)) + minutes;
  const day = later >= 24 * 60 ? addDays(start.slice(0, 10), 1) : start.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day}T${pad(Math.floor((later % 1440) / 60))}:${pad(later % 60)}`;
}
