// What each command and each renderer loads, imported on first use: `--help` and every command
// load only the code they run, since start-up time is part of the product.
import { readCommand, readView } from './everyday.js';

export const command = {
  ...readCommand,
  plan: () => import('../commands/plan.js'),
  replan: () => import('../commands/replan.js'),
  reset: () => import('../commands/reset.js'),
  mark: () => import('../commands/mark.js'),
  log: () => import('../commands/log.js'),
  session: () => import('../commands/session.js'),
  note: () => import('../commands/note.js'),
  link: () => import('../commands/link.js'),
  check: () => import('../commands/check.js'),
  export: () => import('../commands/export.js'),
  roadmaps: () => import('../commands/roadmaps.js'),
  completion: () => import('../commands/completion.js'),
};

export const view = {
  ...readView,
  plan: () => import('../ui/render-plan.js'),
  progress: () => import('../ui/render-progress.js'),
  misc: () => import('../ui/render-misc.js'),
  roadmaps: () => import('../ui/render-roadmaps.js'),
  exports: () => import('../ui/render-export.js'),
};
