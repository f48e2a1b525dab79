import { Command, Option } from 'commander';
import { actions } from './action.js';
import type { StatusLine, StatusResult } from './commands/status.js';
import type { Io } from './io.js';
import { dateParser, parseClockTime, parseLink, parseLogHours, parseWeeklyHours } from './options.js';
import { reportError } from './report.js';
import { safeText } from './sanitize.js';

// Commands and renderers are imported inside each action, so `--help` and every command load
// only the code they run: start-up time is part of the product.
declare const __VERSION__: string;

const json = () => new Option('--json', 'print the result as JSON only');
const yes = (what: string) => new Option('-y, --yes', what);
const date = (what: string) => new Option('--date <date>', `${what}, YYYY-MM-DD (default: today)`).argParser(dateParser('--date'));
const arg = (args: unknown[], i: number) => args[i] as string;

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
    .configureOutput({ writeOut: (t) => void io.stdout.write(t), writeErr: (t) => void io.stderr.write(t), outputError: (t, write) => write(safeText(t.replace(/^error: /, 'Error: '))) });
  const add = (name: string, description: string, ...options: Option[]) => {
    const command = program.command(name).description(description);
    for (const option of [...options, json()]) command.addOption(option);
    return command;
  };

  program.command('home', { hidden: true }).addOption(json())
    .action(action((c) => import('./commands/home.js').then((m) => m.homeCommand(c)), async () => (await import('./ui/render-home.js')).homeRenderer(program)));
  add('plan', 'make your dated week-by-week plan (asks what flags leave out)',
    new Option('--track <track>', 'language track: node or python'),
    new Option('--hours <n>', 'hours a week you can study, 1 to 80').argParser(parseWeeklyHours),
    new Option('--start <date>', 'first day, YYYY-MM-DD (default: today)').argParser(dateParser('--start')),
    new Option('--roadmap <roadmap>', 'built-in roadmap id or a roadmap .yaml file (default: backend)'),
    yes('take the defaults for anything not given, and replace an existing plan without asking'),
  ).action(action((c, _, o) => import('./commands/plan.js').then((m) => m.planCommand(o, c)), async () => (await import('./ui/render-plan.js')).renderPlanResult));
  add('next', 'what to study now: dates, why, topics, tools, free resources, project')
    .action(action((c) => import('./commands/next.js').then((m) => m.nextCommand(c)), async () => (await import('./ui/render-next.js')).renderNext));
  add('done <stage...>', 'mark stages done, by id, number or the start of the title', date('the day you finished'),
    new Option('--link <url>', 'a link that proves it: your repository or live URL').argParser(parseLink), yes('skip the self-check question'),
  ).action(action((c, a, o) => import('./commands/mark.js').then((m) => m.markCommand('done', a[0] as unknown as string[], o, c)), async () => (await import('./ui/render-progress.js')).renderMark));
  add('undo <stage>', 'put a stage back to todo')
    .action(action((c, a, o) => import('./commands/mark.js').then((m) => m.markCommand('undo', [arg(a, 0)], o, c)), async () => (await import('./ui/render-progress.js')).renderMark));
  add('skip <stage>', 'skip a stage (it does not count as learned)', date('the day you skipped it'))
    .action(action((c, a, o) => import('./commands/mark.js').then((m) => m.markCommand('skip', [arg(a, 0)], o, c)), async () => (await import('./ui/render-progress.js')).renderMark));
  add('status', 'progress, every stage with its dates, and whether you are on track', new Option('--short', 'one line for a shell prompt or a status bar'))
    .action(action((c, _, o) => import('./commands/status.js').then((m) => (o.short ? m.statusLineCommand(c) : m.statusCommand(c)) as Promise<StatusResult | StatusLine>), async () => (await import('./ui/render-status.js')).renderStatusResult));
  add('log <hours>', 'record study time; it counts toward the stage in progress', date('the day you studied'), new Option('--stage <stage>', 'the stage you worked on (default: the stage in progress)'))
    .action(action((c, a, o) => import('./commands/log.js').then((m) => m.logCommand(parseLogHours(arg(a, 0)), o, c)), async () => (await import('./ui/render-progress.js')).renderLog));
  add('start [stage]', 'start a study session (default: the stage in progress)')
    .action(action((c, a) => import('./commands/session.js').then((m) => m.startCommand(a[0] as string | undefined, c)), async () => (await import('./ui/render-progress.js')).renderSession));
  add('stop', 'end the study session and log its time', new Option('--at <HH:MM>', 'when you stopped, if not now').argParser(parseClockTime))
    .action(action((c, _, o) => import('./commands/session.js').then((m) => m.stopCommand(o, c)), async () => (await import('./ui/render-progress.js')).renderSession));
  add('cancel', 'drop the running study session without logging it')
    .action(action((c) => import('./commands/session.js').then((m) => m.cancelCommand(c)), async () => (await import('./ui/render-progress.js')).renderSession));
  add('note <stage> <text>', 'keep your own note on a stage')
    .action(action((c, a) => import('./commands/note.js').then((m) => m.noteCommand(arg(a, 0), arg(a, 1), c)), async () => (await import('./ui/render-misc.js')).renderNote));
  add('link <stage> <url>', 'keep a link that proves a stage: a repository or a live URL')
    .action(action((c, a) => import('./commands/link.js').then((m) => m.linkCommand(arg(a, 0), parseLink(arg(a, 1)), c)), async () => (await import('./ui/render-misc.js')).renderLink));
  add('check <stage>', "check a stage's project against your running API", new Option('--url <url>', 'where your API runs (default: http://localhost:3000; :8000 for another port)'))
    .action(action((c, a, o) => import('./commands/check.js').then((m) => m.checkCommand(arg(a, 0), o, c)), async () => (await import('./ui/render-misc.js')).renderCheck, (r) => (r.passed ? 0 : 1)));
  add('replan', 'life happens: lay what is left out again from today',
    new Option('--hours <n>', 'a new weekly pace, 1 to 80 hours').argParser(parseWeeklyHours), new Option('--start <date>', 'start the new plan later than today').argParser(dateParser('--start')), yes('replan without asking'),
  ).action(action((c, _, o) => import('./commands/replan.js').then((m) => m.replanCommand(o, c)), async () => (await import('./ui/render-plan.js')).renderReplan));
  add('reset', 'forget the plan and progress (the file is moved aside, not deleted)', yes('reset without asking'))
    .action(action((c, _, o) => import('./commands/reset.js').then((m) => m.resetCommand(o, c)), async () => (await import('./ui/render-misc.js')).renderReset));
  program.command('export').description('the plan as a calendar (ics), Markdown (md), JSON or an SVG progress card')
    .addOption(new Option('--format <format>', 'ics, md, json or svg (default: from the -o file name)').choices(['ics', 'md', 'json', 'svg']))
    .addOption(new Option('-o, --output <file>', 'write to a file instead of stdout'))
    .addOption(new Option('--sessions', 'ics: add a weekly study session with a reminder'))
    .addOption(new Option('--session-time <HH:MM>', 'ics: local time of the weekly session (default: 18:00)').argParser(parseClockTime))
    .action(action((c, _, o) => import('./commands/export.js').then((m) => m.exportCommand(o, c)), async () => (await import('./ui/render-misc.js')).renderExport));
  const roadmaps = add('roadmaps', 'list the built-in roadmaps; `roadmaps show <id|file>`, `roadmaps validate <file>`')
    .action(action(() => import('./commands/roadmaps.js').then((m) => m.listRoadmapsCommand()), async () => (await import('./ui/render-roadmaps.js')).renderRoadmapList));
  roadmaps.command('show <roadmap>').description("a roadmap's stages for a track, and what to skip for now").addOption(new Option('--track <track>', 'track to show (default: the first)')).addOption(json())
    .action(action((c, a, o) => import('./commands/roadmaps.js').then((m) => m.showRoadmapCommand(arg(a, 0), o, c)), async () => (await import('./ui/render-roadmaps.js')).renderRoadmapShow));
  roadmaps.command('validate <file>').description('check a roadmap file and list every problem with file:line:col').addOption(json())
    .action(action((c, a) => import('./commands/roadmaps.js').then((m) => m.validateRoadmapCommand(arg(a, 0), c)), async () => (await import('./ui/render-roadmaps.js')).renderValidation, (r) => (r.valid ? 0 : 1)));
  program.command('completion').description('print the completion script for bash, zsh, fish or powershell').argument('<shell>', 'bash, zsh, fish or powershell').addHelpText('after', '\nSee the README for where each shell loads it from.')
    .action(async (shell: string) => void io.stdout.write(await (await import('./commands/completion.js')).completionScriptCommand(shell as never)));
  program.command('complete', { hidden: true }).argument('[words...]').allowUnknownOption().helpOption(false)
    .action(async (words: string[]) => void io.stdout.write(await (await import('./commands/completion.js')).completeCommand(describeProgram(program), words, actions(io).context())));
  program.addHelpText('after', '\nRun `backend-path <command> --help` for its flags. Your plan is kept in progress.json under\nBACKEND_PATH_CONFIG_DIR (default: your user config folder, e.g. ~/.config/backend-path).');
  return program;
}

/** The command tree for the completion library: names, flags, choices and arguments. */
function describeProgram(program: Command) {
  const walk = (command: Command, path: string): ReturnType<typeof describeOne>[] => [describeOne(command, path), ...command.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden).flatMap((c) => walk(c, path ? `${path} ${c.name()}` : c.name()))];
  const describeOne = (command: Command, path: string) => ({
    path,
    description: command.description(),
    options: command.options.filter((o) => !o.hidden && o.long).map((o) => ({ long: o.long!.slice(2), short: o.short?.slice(1), description: o.description, takesValue: o.required || o.optional, choices: o.argChoices ?? [] })),
    args: command.registeredArguments.map((a) => ({ name: a.name(), variadic: a.variadic, choices: a.argChoices ?? [] })),
  });
  return walk(program, '');
}

/** Runs the program for `io` and returns the exit code: the only place errors become codes. */
export async function main(io: Io): Promise<number> {
  try {
    // Bare `backend-path` (with or without --json) is the hidden home command.
    const argv = io.argv.every((word) => word === '--json') ? ['home', ...io.argv] : io.argv;
    await buildProgram(io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return reportError(error, io);
  }
}
