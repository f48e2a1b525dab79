import { Argument, Command, Option } from 'commander';
import { actions } from './action.js';
import type { Shell } from './commands/completion.js';
import type { StatusLine, StatusResult } from './commands/status.js';
import type { CommandContext } from './context.js';
import { HELP_EXAMPLES } from './help.js';
import { watchStdout, type Io } from './io.js';
import { command as cmd, view as ui } from './lazy.js';
import { dateParser, FORMATS, parseClockTime, parseLink, parseLogHours, parseStopTime, parseWeeklyHours, SHELLS } from './options.js';
import { describeProgram } from './program-spec.js';
import { programOutput, reportError } from './report.js';

declare const __VERSION__: string;
type Action = ReturnType<typeof actions>['action'];
type Add = (name: string, description: string, ...options: Option[]) => Command;

const json = () => new Option('--json', 'print the result as JSON only');
const yes = (what: string) => new Option('-y, --yes', what);
const date = (what: string) => new Option('--date <date>', `${what}, YYYY-MM-DD (default: today)`).argParser(dateParser('--date'));
const hours = (what: string) => new Option('--hours <n>', what).argParser(parseWeeklyHours);
const start = (what: string) => new Option('--start <date>', what).argParser(dateParser('--start'));
const stage = (what = 'stage id, number or the start of its title') => new Argument('<stage>', what);
const at = <T>(args: unknown[], i: number) => args[i] as T;

const status = {
  task: (c: CommandContext, _: string[], o: Record<string, unknown>) => cmd.status().then((m): Promise<StatusResult | StatusLine> => (o.short ? m.statusLineCommand(c) : m.statusCommand(c))),
  // The prompt line has a renderer of its own that loads nothing else: it runs on every prompt.
  renderer: async (result: StatusResult | StatusLine) => ('stages' in result ? (await ui.status()).renderStatus : (await ui.short()).renderStatusLine) as never,
};

function registerPlanning(program: Command, add: Add, action: Action): void {
  program.command('home', { hidden: true }).addOption(json())
    .action(action((c) => cmd.home().then((m) => m.homeCommand(c)), () => ui.home().then((m) => m.homeRenderer(program))));
  add('plan', 'make your dated week-by-week plan (asks what flags leave out)',
    new Option('--track <track>', 'language track: node or python'), hours('hours a week you can study, 1 to 80'),
    start('first day, YYYY-MM-DD (default: today)'), new Option('--roadmap <roadmap>', 'built-in roadmap id or a .yaml file (default: backend)'),
    yes('take the defaults for anything not given, and replace an existing plan without asking'),
  ).action(action((c, _, o) => cmd.plan().then((m) => m.planCommand(o, c)), () => ui.plan().then((m) => m.renderPlanResult)));
  add('next', 'what to study now: dates, why, topics, tools, free resources, project')
    .action(action((c) => cmd.next().then((m) => m.nextCommand(c)), () => ui.next().then((m) => m.renderNext)));
  add('replan', 'life happens: lay what is left out again from today',
    hours('a new weekly pace, 1 to 80 hours'), start('start the new plan later than today'), yes('replan without asking'),
  ).action(action((c, _, o) => cmd.replan().then((m) => m.replanCommand(o, c)), () => ui.plan().then((m) => m.renderReplan)));
  add('reset', 'forget the plan and progress (the file is moved aside, not deleted)', yes('reset without asking'))
    .action(action((c, _, o) => cmd.reset().then((m) => m.resetCommand(o, c)), () => ui.misc().then((m) => m.renderReset)));
}

function registerProgress(add: Add, action: Action): void {
  const mark = () => ui.progress().then((m) => m.renderMark);
  const session = () => ui.progress().then((m) => m.renderSession);
  add('done', 'mark stages done, by id, number or the start of the title', date('the day you finished'),
    new Option('--link <url>', 'a link that proves it: your repository or live URL').argParser(parseLink), yes('skip the self-check question'),
  ).addArgument(new Argument('<stage...>', 'stage ids, numbers or title starts'))
    .action(action((c, a, o) => cmd.mark().then((m) => m.markCommand('done', at<string[]>(a, 0), o, c)), mark));
  add('undo', 'put a stage back to todo').addArgument(stage())
    .action(action((c, a, o) => cmd.mark().then((m) => m.markCommand('undo', [at<string>(a, 0)], o, c)), mark));
  add('skip', 'skip a stage (it does not count as learned)', date('the day you skipped it')).addArgument(stage())
    .action(action((c, a, o) => cmd.mark().then((m) => m.markCommand('skip', [at<string>(a, 0)], o, c)), mark));
  add('status', 'progress, every stage with its dates, and whether you are on track', new Option('--short', 'one line for a prompt'))
    .action(action(status.task, status.renderer));
  add('log', 'record study time; it counts toward the stage in progress', date('the day you studied'),
    new Option('--stage <stage>', 'the stage you worked on (default: the stage in progress)'),
  ).addArgument(new Argument('<hours>', 'hours studied, like 1.5').argParser(parseLogHours))
    .action(action((c, a, o) => cmd.log().then((m) => m.logCommand(at<number>(a, 0), o, c)), () => ui.progress().then((m) => m.renderLog)));
  add('start', 'start a study session (default: the stage in progress)').addArgument(new Argument('[stage]', 'the stage to study'))
    .action(action((c, a) => cmd.session().then((m) => m.startCommand(at<string | undefined>(a, 0), c)), session));
  add('stop', 'end the study session and log it', new Option('--at <time>', 'when you stopped: HH:MM or YYYY-MM-DDTHH:MM').argParser(parseStopTime))
    .action(action((c, _, o) => cmd.session().then((m) => m.stopCommand(o, c)), session));
  add('cancel', 'drop the running study session without logging it').action(action((c) => cmd.session().then((m) => m.cancelCommand(c)), session));
  add('note', 'keep your own note on a stage').addArgument(stage()).addArgument(new Argument('<text>', 'the note'))
    .action(action((c, a) => cmd.note().then((m) => m.noteCommand(at<string>(a, 0), at<string>(a, 1), c)), () => ui.misc().then((m) => m.renderNote)));
  add('link', 'keep a link that proves a stage: a repository or a live URL').addArgument(stage())
    .addArgument(new Argument('<url>', 'an http(s) URL').argParser(parseLink))
    .action(action((c, a) => cmd.link().then((m) => m.linkCommand(at<string>(a, 0), at<string>(a, 1), c)), () => ui.misc().then((m) => m.renderLink)));
}

function registerTools(program: Command, add: Add, action: Action, io: Io): void {
  add('check', "check a stage's project against your running API", new Option('--url <url>', 'where your API runs (default: http://localhost:3000)'))
    .addArgument(stage())
    .action(action((c, a, o) => cmd.check().then((m) => m.checkCommand(at<string>(a, 0), o, c)), () => ui.misc().then((m) => m.renderCheck), {
      exitCode: (r) => (r.passed ? 0 : 1),
    }));
  program.command('export').description('the plan as a calendar (ics), Markdown (md), JSON or an SVG progress card')
    .addOption(new Option('--format <format>', 'ics, md, json or svg (default: from the -o file name)').choices(FORMATS))
    .addOption(new Option('-o, --output <file>', 'write to a file instead of stdout'))
    .addOption(new Option('--sessions', 'ics: add a weekly study session with a reminder'))
    .addOption(new Option('--session-time <HH:MM>', 'ics: local time of the weekly session (default: 18:00)').argParser(parseClockTime))
    .action(action((c, _, o) => cmd.export().then((m) => m.exportCommand(o, c)), () => ui.misc().then((m) => m.renderExport), { verbatim: true }));
  const roadmaps = add('roadmaps', 'list the built-in roadmaps; `roadmaps show <id|file>`, `roadmaps validate <file>`')
    .action(action(() => cmd.roadmaps().then((m) => m.listRoadmapsCommand()), () => ui.roadmaps().then((m) => m.renderRoadmapList)));
  roadmaps.command('show').description("a roadmap's stages for a track, and what to skip for now").argument('<roadmap>', 'built-in id or .yaml file')
    .addOption(new Option('--track <track>', 'track to show (default: the first)')).addOption(json())
    .action(action((c, a, o) => cmd.roadmaps().then((m) => m.showRoadmapCommand(at<string>(a, 0), o, c)), () => ui.roadmaps().then((m) => m.renderRoadmapShow)));
  roadmaps.command('validate').description('check a roadmap file and list every problem with file:line:col').argument('<file>', 'the roadmap file')
    .addOption(json())
    .action(action((c, a) => cmd.roadmaps().then((m) => m.validateRoadmapCommand(at<string>(a, 0), c)), () => ui.roadmaps().then((m) => m.renderValidation), {
      exitCode: (r) => (r.valid ? 0 : 1),
    }));
  program.command('completion').description('print the completion script for bash, zsh, fish or powershell')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .action(async (shell: Shell) => void io.stdout.write(await (await cmd.completion()).completionScriptCommand(shell)));
  // What the completion scripts call on every TAB: `backend-path complete -- <words>`.
  program.command('complete', { hidden: true }).argument('[words...]').allowUnknownOption().helpOption(false)
    .action(async (words: string[]) => {
      const context = await actions(io).context();
      io.stdout.write(await (await cmd.completion()).completeCommand(describeProgram(program), words, context));
    });
}

/** The commander program, writing to `io`. */
function buildProgram(io: Io): Command {
  const { action } = actions(io);
  const program = new Command('backend-path')
    .description('Your coach from first line of code to first backend job: a dated study plan, and what to do next.')
    .version(__VERSION__, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .enablePositionalOptions()
    .configureOutput(programOutput(io));
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
  const { watched, lost } = watchStdout(io);
  let code: number;
  try {
    // Bare `backend-path` (with or without --json) is the hidden home command.
    const argv = io.argv.every((word) => word === '--json') ? ['home', ...io.argv] : io.argv;
    // The prompt line, run at every prompt, skips building the program; same task and renderer.
    if (argv.join(' ') === 'status --short') await actions(watched).perform(status.task, status.renderer, [], { short: true });
    else await buildProgram(watched).parseAsync(argv, { from: 'user' });
    code = 0;
  } catch (error) {
    code = await reportError(error, watched);
  }
  // Output that could not be written is a failure, whatever printed it (help, a completion script).
  const failure = lost();
  return failure && code === 0 ? reportError(failure, io) : code;
}
