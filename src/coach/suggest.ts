import type { StageDetail } from './stage.js';
import type { Standing } from './standing.js';

/**
 * The one command that helps most right now: stop a running session (saying when, for one
 * forgotten overnight), replan when far behind,
 * mark a stage done once all its hours are in, and otherwise start studying.
 */
export function suggestNext(standing: Standing, stage: StageDetail | null, sessionMinutes: number | null): string {
  // A session over twelve hours was forgotten: `stop` would refuse it without a time.
  if (sessionMinutes !== null)
    return sessionMinutes > 12 * 60 ? 'backend-path stop --at <when you stopped>' : 'backend-path stop';
  if (standing.advice) return standing.advice.command;
  if (!stage) return 'backend-path export --format md -o plan.md';
  if (stage.hoursLeft <= 0) return `backend-path done ${stage.id}`;
  return `backend-path start ${stage.id}`;
}
