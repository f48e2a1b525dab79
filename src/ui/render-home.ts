import type { StageRow } from '../coach/stage.js';
import type { HomeResult } from '../commands/home.js';
import { formatDay } from '../plan/dates.js';
import { duration, formatHours, plural, wrap } from './text.js';
import { standingBlock } from './verdict.js';
import type { View } from './view.js';

/** Where the stage in progress stands, in a few words: the same states `next` and `status` name. */
export function stageState(stage: StageRow, view: View): string {
  const day = (date: string | null) => (date ? formatDay(date, view.today) : 'no date');
  switch (stage.state) {
    case 'upcoming':
      return `planned from ${day(stage.start)}; you can start it now`;
    case 'unscheduled':
      return 'not in your agreed plan (`backend-path replan` dates it)';
    case 'overdue':
      return `past its planned end, ${day(stage.end)}`;
    default:
      return `in progress · ${stage.daysLeft === 0 ? 'its window ends today' : `${plural(stage.daysLeft ?? 0, 'day')} left in its window`}`;
  }
}

/** Bare `backend-path`: today's essentials with a plan; a welcome and the command list without one. */
export function homeRenderer(help: () => string) {
  return (result: HomeResult, view: View): string => {
    const { style, width, today } = view;
    if (!result.plan) {
      const welcome = [
        style.bold('Welcome to backend-path, your coach to a first backend job.'),
        'Start with `backend-path plan`: it asks three questions (your language track, the hours a week you can study and a start date) and gives you a dated, week-by-week plan.',
        '',
      ];
      return `${welcome.map((line) => wrap(line, width)).join('\n')}\n${help()}`;
    }
    const lines: string[] = [];
    const stage = result.stage;
    if (stage) {
      const left =
        stage.hoursLeft > 0 ? `${formatHours(stage.hoursLeft)} to go` : 'its hours are in: mark it done when you can';
      lines.push(
        `${style.dim('Now:')} ${style.bold(`${stage.number}. ${stage.title}`)} · ${stageState(stage, view)} · ${left}`,
      );
      if (stage.checkCommand) {
        // A live stage's check needs the learner's address; a repository or database check needs no URL.
        const live = stage.checkLooks.some((line) => line.startsWith('your live API'));
        const where = stage.checkUrl ? ` (it checks ${stage.checkUrl})` : live ? ' with your address' : '';
        lines.push(`${style.dim('Check it:')} \`${stage.checkCommand}\`${where}`);
      }
    }
    if (result.session) {
      const day = result.session.start.slice(0, 10);
      lines.push(
        `${style.cyan('▶')} Studying ${result.session.stage} since ${result.session.start.slice(11, 16)}${day === today ? '' : ` on ${formatDay(day, today)}`}, ${duration(result.session.minutes)} so far`,
      );
    }
    const block = standingBlock(result.standing, view);
    const next = wrap(`${style.dim('Next:')} \`${result.next}\``, width, 0, 2);
    return `${[...lines.map((line) => wrap(line, width, 0, 2)), ...block, '', next].join('\n')}\n`;
  };
}
