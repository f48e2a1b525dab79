import type { StatusLine } from '../commands/status.js';

// Stage ids, numbers and the words below are one column a character, so the line is measured by
// its length: this renderer runs on every shell prompt and loads nothing else.
const SHORT_WIDTH = 60;

/** The line shown when something is wrong; `status` explains it in full. */
export const PROBLEM_LINE = 'backend-path: see `backend-path status`\n';

/** What the line says about the stage in progress: the states `next` and `status` name, in short. */
function stageWords(line: StatusLine): string {
  // With every stage done (or skipped) before the plan's first day, nothing is left to start.
  if (line.startsInDays !== null) return line.stage === null ? '' : `starts in ${line.startsInDays}d`;
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
  const { session } = line;
  const time = session && `${Math.floor(session.minutes / 60)}:${String(session.minutes % 60).padStart(2, '0')}`;
  const text = (stage: string | null) =>
    (session ? [`● ${stage} ${time}`, verdict] : [stage, stageWords(line), verdict])
      .filter((p): p is string => !!p)
      .join(' · ');
  // A long stage id is cut, never the session's time or the verdict.
  const stage = session ? session.stage : line.stage;
  const whole = text(stage);
  if (whole.length <= SHORT_WIDTH || !stage) return `${whole}\n`;
  const room = Math.max(1, SHORT_WIDTH - (whole.length - stage.length) - 1);
  return `${text(`${stage.slice(0, room)}…`)}\n`;
}
