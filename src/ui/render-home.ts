import type { HomeResult } from '../commands/home.js';
import { formatDay } from '../plan/dates.js';
import { duration, formatHours, plural, wrap } from './text.js';
import { verdictLine } from './verdict.js';
import type { View } from './view.js';

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
        stage.timing === 'ahead'
          ? 'planned to start later: you can start it now'
          : stage.timing === 'unscheduled'
            ? 'not in your agreed plan'
            : stage.daysLeft < 0
              ? 'past its planned end'
              : stage.daysLeft === 0
                ? 'ends today'
                : `${plural(stage.daysLeft, 'day')} left`;
      lines.push(
        `${style.dim('Now:')} ${style.bold(`${stage.number}. ${stage.title}`)} · ${left} · ${formatHours(stage.hoursLeft)} to go`,
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
    const { week } = result.standing;
    lines.push(
      `This week (${formatDay(week.start, today)} – ${formatDay(week.end, today)}): ${formatHours(week.hours)} of ${formatHours(week.target)}`,
      verdictLine(result.standing, view),
      '',
      `${style.dim('Next:')} \`${result.next}\``,
    );
    return `${lines.map((line) => wrap(line, width, 0, 2)).join('\n')}\n`;
  };
}
