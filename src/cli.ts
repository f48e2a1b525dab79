import { Argument, Command, Option } from 'commander';
import { actions } from './action.js';
import type { StatusLine, StatusResult } from './commands/status.js';
import { HELP_EXAMPLES } from './help.js';
import type { Io } from './io.js';
import type { View } from './ui/view.js';
import { dateParser, parseClockTime, parseLink, parseLogHours, parseStopTime, parseWeeklyHours } from './options.js';
import { reportError } from './report.js';
import { safeText } from './sanitize.js';

// Commands and renderers are imported inside each action, so `--help` and every command load
// only the code they run: start-up time is part of the product.
declare const __VERSION__: string;

type Action = ReturnType<typeof actions>['action'];
type Add = (name: string, description: string, ...options: Option[]) => Command;

const json = () => new Option('--json', 'print the result as JSON only');
const yes = (what: string) => new Option('-y, --yes', what);
const date = (what: string) => new Option('--date <date>', `${what}, YYYY-MM-DD (default: today)`).argParser(dateParser('--date'));
const hours = (what: string) => new Option('--hours <n>', what).argParser(parseWeeklyHours);
const start = (what: string) => new Option('--start <date>', what).argParser(dateParser('--start'));
const text = (args: unknown[], i: number) => args[i] as string;

function registerPlanning(program: Command, add: Add, action: Action): void {
  program.command('home', { hidden: true }).addOption(json()).action(
    action((c) => import('./commands/home.js').then((m) => m.homeCommand(c)), async () => (await import('./ui/render-home.js')).homeRenderer(program)),
  );
  add('plan', 'make your dated week-by-week plan (asks what flags leave out)',
    new Option('--track <track>', 'language track: node or python'), hours('hours a week you can study, 1 to 80'), start('first day, YYYY-MM-DD (default: today)'),
    new Option('--roadmap <roadmap>', 'built-in roadmap id or a roadmap .yaml file (default: backend)'),
    yes('take the defaults for anything not given, and replace an existing plan without asking'),
  ).action(action((c, _, o) => import('./commands/plan.js').then((m) => m.planCommand(o, c)), async () => (await import('./ui/render-plan.js')).renderPlanResult));
  add('next', 'what to study now: dates, why, topics, tools, free resources, project').action(
    action((c) => import('./commands/next.js').then((m) => m.nextCommand(c)), async () => (await import('./ui/render-next.js')).renderNext),
  );
  add('replan', 'life happens: lay what is left out again from today',
    hours('a new weekly pace, 1 to 80 hours'), start('start the new plan later than today'), yes('replan without asking'),
  ).action(action((c, _, o) => import('./commands/replan.js').then((m) => m.replanCommand(o, c)), async () => (await import('./ui/render-plan.js')).renderReplan));
  add('reset', 'forget the plan and progress (the file is moved aside, not deleted)', yes('reset without asking')).action(
    action((c, _, o) => import('./commands/reset.js').then((m) => m.resetCommand(o, c)), async () => (await import('./ui/render-misc.js')).renderReset),
  );
}

function registerProgress(add: Add, action: Action): void {
  const mark = async () => (await import('./ui/render-progress.js')).renderMark;
  const session = async () => (await import('./ui/render-progress.js')).renderSession;
  add('done <stage...>', 'mark stages done, by id, number or the start of the title', date('the day you finished'),
    new Option('--link <url>', 'a link that proves it: your repository or live URL').argParser(parseLink), yes('skip the self-check question'),
  ).action(action((c, a, o) => import('./commands/mark.js').then((m) => m.markCommand('done', a[0] as unknown as string[], o, c)), mark));
  add('undo <stage>', 'put a stage back to todo').action(action((c, a, o) => import('./commands/mark.js').then((m) => m.markCommand('undo', [text(a, 0)], o, c)), mark));
  add('skip <stage>', 'skip a stage (it does not count as learned)', date('the day you skipped it')).action(
    action((c, a, o) => import('./commands/mark.js').then((m) => m.markCommand('skip', [text(a, 0)], o, c)), mark),
  );
  add('status', 'progress, every stage with its dates, and whether you are on track', new Option('--short', 'one line for a shell prompt or a status bar')).action(
    action(
      (c, _, o) => import('./commands/status.js').then((m): Promise<StatusResult | StatusLine> => (o.short ? m.statusLineCommand(c) : m.statusCommand(c))),
      // The prompt line has a renderer of its own that loads nothing else: it runs on every prompt.
      async (result): Promise<(r: StatusResult | StatusLine, view: View) => string> =>
        'stages' in result ? (await import('./ui/render-status.js')).renderStatus as never : (await import('./ui/render-short.js')).renderStatusLine as never,
    ),
  );
  add('log <hours>', 'record study time; it counts toward the stage in progress', date('the day you studied'),
    new Option('--stage <stage>', 'the stage you worked on (default: the stage in progress)'),
  ).action(action((c, a, o) => import('./commands/log.js').then((m) => m.logCommand(parseLogHours(text(a, 0)), o, c)), async () => (await import('./ui/render-progress.js')).renderLog));
  add('start [stage]', 'start a study session (default: the stage in progress)').action(
    action((c, a) => import('./commands/session.js').then((m) => m.startCommand(a[0] as string | undefined, c)), session),
  );
  add('stop', 'end the study session and log its time', new Option('--at <time>', 'when you stopped, if not now: HH:MM or YYYY-MM-DDTHH:MM').argParser(parseStopTime)).action(
    action((c, _, o) => import('./commands/session.js').then((m) => m.stopCommand(o, c)), session),
  );
  add('cancel', 'drop the running study session without logging it').action(action((c) => import('./commands/session.js').then((m) => m.cancelCommand(c)), session));
  add('note <stage> <text>', 'keep your own note on a stage').action(
    action((c, a) => import('./commands/note.js').then((m) => m.noteCommand(text(a, 0), text(a, 1), c)), async () => (await import('./ui/render-misc.js')).renderNote),
  );
  add('link <stage> <url>', 'keep a link that proves a stage: a repository or a live URL').action(
    action((c, a) => import('./commands/link.js').then((m) => m.linkCommand(text(a, 0), parseLink(text(a, 1)), c)), async () => (await import('./ui/render-misc.js')).renderLink),
  );
}

function registerTools(program: Command, add: Add, action: Action, io: Io): void {
  const misc = () => import('./ui/render-misc.js');
  const roadmapsUi = () => import('./ui/render-roadmaps.js');
  add('check <stage>', "check a stage's project against your running API", new Option('--url <url>', 'where your API runs (default: http://localhost:3000; :8000 for another port)')).action(
    action((c, a, o) => import('./commands/check.js').then((m) => m.checkCommand(text(a, 0), o, c)), async () => (await misc()).renderCheck, { exitCode: (r) => (r.passed ? 0 : 1) }),
  );
  program.command('export').description('the plan as a calendar (ics), Markdown (md), JSON or an SVG progress card')
    .addOption(new Option('--format <format>', 'ics, md, json or svg (default: from the -o file name)').choices(['ics', 'md', 'json', 'svg']))
    .addOption(new Option('-o, --output <file>', 'write to a file instead of stdout'))
    .addOption(new Option('--sessions', 'ics: add a weekly study session with a reminder'))
    .addOption(new Option('--session-time <HH:MM>', 'ics: local time of the weekly session (default: 18:00)').argParser(parseClockTime))
    .action(action((c, _, o) => import('./commands/export.js').then((m) => m.exportCommand(o, c)), async () => (await misc()).renderExport, { cleaned: true }));
  const roadmaps = add('roadmaps', 'list the built-in roadmaps; `roadmaps show <id|file>`, `roadmaps validate <file>`').action(
    action(() => import('./commands/roadmaps.js').then((m) => m.listRoadmapsCommand()), async () => (await roadmapsUi()).renderRoadmapList),
  );
  roadmaps.command('show').description("a roadmap's stages for a track, and what to skip for now").argument('<roadmap>', 'built-in id or .yaml file')
    .addOption(new Option('--track <track>', 'track to show (default: the first)')).addOption(json())
    .action(action((c, a, o) => import('./commands/roadmaps.js').then((m) => m.showRoadmapCommand(text(a, 0), o, c)), async () => (await roadmapsUi()).renderRoadmapShow));
  roadmaps.command('validate').description('check a roadmap file and list every problem with file:line:col').argument('<file>', 'the roadmap file').addOption(json())
    .action(action((c, a) => import('./commands/roadmaps.js').then((m) => m.validateRoadmapCommand(text(a, 0), c)), async () => (await roadmapsUi()).renderValidation, { exitCode: (r) => (r.valid ? 0 : 1) }));
  program.command('completion').description('print the completion script for bash, zsh, fish or powershell')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish', 'powershell']))
    .action(async (shell: 'bash') => void io.stdout.write(await (await import('./commands/completion.js')).completionScriptCommand(shell)));
  // What the completion scripts call on every TAB: `backend-path complete -- <words>`.
  program.command('complete', { hidden: true }).argument('[words...]').allowUnknownOption().helpOption(false)
    .action(async (words: string[]) => {
      const { completeCommand, describeProgram } = await import('./commands/completion.js');
      io.stdout.write(await completeCommand(describeProgram(program), words, await actions(io).context()));
    });
}

/** The commander program, writing to `io`. */
export function buildProgram(io: Io): Command {
  const { action } = actions(io);
  const program = new Command('backend-path')
    .description('Your coach from first line of code to first backend job: a dated study plan, and what to do next.')
    .version(__VERSION__, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .enablePositionalOptions()
    .configureOutput({
      writeOut: (t) => void io.stdout.write(t),
      writeErr: (t) => void io.stderr.write(t),
      outputError: (t, write) => write(safeText(t.replace(/^error: /, 'Error: '))),
    });
  const add: Add = (name, description, ...options) => {
    const command = program.command(name).description(description);
    for (const option of [...options, json()]) command.addOption(option);
    return command;
  };
  registerPlanning(program, add, action);
  registerProgress(add, action);
  registerTools(program, add, action, io);
  program.addHelpText('after', HELP_EXAMPLES);
  return program;
}

/** Runs the program for `io` and returns the exit code: the only place errors become codes. */
export async function main(io: Io): Promise<number> {
  try {
    // Bare `backend-path` (with or without --json) is the hidden home command.
    const argv = io.argv.every((word) => word === '--json') ? ['home', ...io.argv] : io.argv;
    await buildProgram(io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return await reportError(error, io);
  }
}
