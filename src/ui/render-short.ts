import type { StatusLine } from '../commands/status.js';

// Stage ids, numbers and the words below are one column a character, so the line is measured by
// its length: this renderer runs on every shell prompt and loads nothing else.
const SHORT_WIDTH = 60;

/** The line shown when something is wrong; `status` explains it in full. */
export const PROBLEM_LINE = 'backend-path: see `backend-path status`\n';

/** What the line says about the stage in progress: the states `next` and `status` name, in short. */
function stageWords(line: StatusLine): string {
  if (line.startsInDays !== null) return `starts in ${line.startsInDays}d`;
  switch (line.state) {
    case 'unscheduled':
      return 'not in plan';
    case 'upcoming':
      return 'up next';
    case 'overdue':
      return 'overdue';
    case 'in-progress':
      return line.daysLeft === 0 ? 'ends today' : `${line.daysLeft}d left`;
    default:
      return '';
  }
}

/** One line of at most 60 characters, without colour, for a shell prompt or a tmux status bar. */
export function renderStatusLine(line: StatusLine): string {
  if (line.problem) return PROBLEM_LINE;
  if (line.verdict === null) return '\n';
  const verdict =
    line.verdict === 'finished'
      ? 'finished'
      : line.verdict === 'incomplete'
        ? 'done, with gaps'
        : line.verdict === 'on-track'
          ? 'on track'
          : `${Math.abs(line.daysAhead!)}d ${line.verdict}`;
  const session = line.session
    ? `● ${line.session.stage} ${Math.floor(line.session.minutes / 60)}:${String(line.session.minutes % 60).padStart(2, '0')}`
    : null;
  const parts = session ? [session, verdict] : [line.stage, stageWords(line), verdict].filter((p): p is string => !!p);
  let text = parts.join(' · ');
  if (text.length > SHORT_WIDTH) {
    const rest = parts.slice(1).join(' · ');
    text = `${parts[0]!.slice(0, Math.max(1, SHORT_WIDTH - rest.length - 4))}… · ${rest}`;
  }
  return `${text}\n`;
}
