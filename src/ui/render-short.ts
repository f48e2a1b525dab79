import type { StatusLine } from '../commands/status.js';

// Stage ids, numbers and the words below are one column a character, so the line is measured by
// its length: this renderer runs on every shell prompt and loads nothing else.
const SHORT_WIDTH = 60;

/** The line shown when something is wrong; `status` explains it in full. */
export const PROBLEM_LINE = 'backend-path: see `backend-path status`\n';

/** One line of at most 60 characters, without colour, for a shell prompt or a tmux status bar. */
export function renderStatusLine(line: StatusLine): string {
  if (line.problem) return PROBLEM_LINE;
  if (line.verdict === null) return '\n';
  const verdict =
    line.verdict === 'finished'
      ? 'finished'
      : line.verdict === 'on-track'
        ? 'on track'
        : `${Math.abs(line.daysAhead!)}d ${line.verdict}`;
  const left =
    line.daysLeft === null
      ? line.timing === 'unscheduled'
        ? 'not in plan'
        : line.stage
          ? 'start now'
          : ''
      : line.daysLeft > 0
        ? `${line.daysLeft}d left`
        : line.daysLeft === 0
          ? 'ends today'
          : 'overdue';
  const session = line.session
    ? `● ${line.session.stage} ${Math.floor(line.session.minutes / 60)}:${String(line.session.minutes % 60).padStart(2, '0')}`
    : null;
  const parts = session ? [session, verdict] : [line.stage, left, verdict].filter((p): p is string => !!p);
  let text = parts.join(' · ');
  if (text.length > SHORT_WIDTH) {
    const rest = parts.slice(1).join(' · ');
    text = `${parts[0]!.slice(0, Math.max(1, SHORT_WIDTH - rest.length - 4))}… · ${rest}`;
  }
  return `${text}\n`;
}
