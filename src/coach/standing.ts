import type { IsoDate } from '../plan/dates.js';
import { adviceFor, studiedSince, type Advice } from './advice.js';
import { effortOf, targetOn, type Effort } from './effort.js';
import type { Learner } from './learner.js';
import { progressOf, type Progress } from './progress.js';

/**
 * Where the learner stands today, as two measures that are never mixed in one figure:
 * progress (ground covered against the agreed plan: the verdict and the projections) and effort
 * (hours put in against the weekly target: this week, the streak, the typical week); and the
 * advice that follows from both when the learner is behind. Every output shows these figures.
 */
export interface Standing {
  progress: Progress;
  effort: Effort;
  advice: Advice | null;
}

export function standing(learner: Learner, today: IsoDate): Standing {
  const progress = progressOf(learner, today);
  const effort = effortOf(learner, today);
  const { hoursPerWeek, speed, madeOn } = learner.baseline;
  const since = madeOn > learner.profile.start ? madeOn : learner.profile.start;
  const studied = studiedSince(learner.log, since, today, learner.paces);
  const askedToday = today >= since ? targetOn(learner.paces, today) / 7 : 0;
  return {
    progress,
    effort,
    advice: adviceFor({ progress, effort, studied, askedToday, hoursPerWeek, speed, today }),
  };
}
