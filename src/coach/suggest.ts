import type { StageDetail } from './stage.js';
import type { Standing } from './standing.js';

/**
 * The one command that helps most right now: stop a running session, replan when far behind,
 * mark a stage done once all its hours are in, and otherwise start studying.
 */
export function suggestNext(standing: Standing, stage: StageDetail | null, sessionRunning: boolean): string {
  if (sessionRunning) return 'backend-path stop';
  if (standing.advice) return standing.advice.command;
  if (!stage) return 'backend-path export --format md -o plan.md';
  if (stage.hoursLeft <= 0) return `backend-path done ${stage.id}`;
  return `backend-path start ${stage.id}`;
}
