// What each command and each renderer loads, imported on first use: `--help` and every command
// load only the code they run, since start-up time is part of the product.
export const command = {
  home: () => import('../commands/home.js'),
  plan: () => import('../commands/plan.js'),
  next: () => import('../commands/next.js'),
  replan: () => import('../commands/replan.js'),
  reset: () => import('../commands/reset.js'),
  mark: () => import('../commands/mark.js'),
  status: () => import('../commands/status.js'),
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
  home: () => import('../ui/render-home.js'),
  plan: () => import('../ui/render-plan.js'),
  next: () => import('../ui/render-next.js'),
  progress: () => import('../ui/render-progress.js'),
  status: () => import('../ui/render-status.js'),
  short: () => import('../ui/render-short.js'),
  misc: () => import('../ui/render-misc.js'),
  roadmaps: () => import('../ui/render-roadmaps.js'),
  exports: () => import('../ui/render-export.js'),
};
