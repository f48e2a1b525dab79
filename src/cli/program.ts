import { Argument, Command, Help, Option, type OptionValues } from '@commander-js/extra-typings';
import { actions } from './action.js';
import { asksHelp } from './everyday-words.js';
import { helpExamples } from './help.js';
import type { Io } from './io.js';
import { command as cmd, view as ui } from './lazy.js';
import {
  dateParser,
  parseClockTime,
  parseDuration,
  parseEntryNumber,
  parseLink,
  parseStopTime,
  parseWeeklyHours,
} from './options.js';
import { describeProgram } from './program-spec.js';
import { statusRenderer, statusTask } from './everyday.js';
import { programOutput } from './report.js';
import { UsageError } from '../errors.js';
import { terminalWidth } from '../ui/style.js';
import { wrap } from '../ui/text.js';

declare const __VERSION__: string;

/**
 * The commander program. Each command's flags are parsed into a typed options object (the
 * parsers in options.ts give each value its type), which the type checker matches against the
 * options type of the command function it is passed to.
 */
type Perform = ReturnType<typeof actions>['perform'];

const json = () => new Option('--json', 'print the result as JSON only');
const yes = (what: string) => new Option('-y, --yes', what);
const date = (what: string) =>
  new Option('--date <date>', `${what}, YYYY-MM-DD (default: today)`).argParser(dateParser('--date'));
const hours = (what: string) => new Option('--hours <n>', what).argParser(parseWeeklyHours);
const start = (what: string) => new Option('--start <date>', what).argParser(dateParser('--start'));
const stage = (what = 'stage id, number or the start of its title') => new Argument('<stage>', what);

function registerPlanning(program: Command, perform: Perform): void {
  program
    .command('home', { hidden: true })
    .addOption(json())
    .action((o) =>
      perform(
        (c) => cmd.home().then((m) => m.homeCommand(c)),
        () => ui.home().then((m) => m.homeRenderer(() => program.helpInformation())),
        o.json,
      ),
    );
  program
    .command('plan')
    .description('make your dated week-by-week plan (asks what flags leave out)')
    .addOption(new Option('--track <track>', 'language track: node or python'))
    .addOption(hours('hours a week you can study, 1 to 80'))
    .addOption(start('first day, YYYY-MM-DD (default: today)'))
    .addOption(new Option('--roadmap <roadmap>', 'built-in roadmap id or a .yaml file (default: backend)'))
    .addOption(yes('take the defaults for anything not given, and replace an existing plan without asking'))
    .addOption(json())
    .action((o) =>
      perform(
        (c) => cmd.plan().then((m) => m.planCommand(o, c)),
        () => ui.plan().then((m) => m.renderPlanResult),
        o.json,
      ),
    );
  program
    .command('next')
    .description('what to study now: dates, why, topics, tools, free resources, project')
    .addOption(json())
    .action((o) =>
      perform(
        (c) => cmd.next().then((m) => m.nextCommand(c)),
        () => ui.next().then((m) => m.renderNext),
        o.json,
      ),
    );
}

/** `replan` and `reset`: changing or forgetting the agreed plan. */
function registerReplanning(program: Command, perform: Perform): void {
  program
    .command('replan')
    .description('life happens: lay what is left out again from today')
    .addOption(hours('a new weekly pace, 1 to 80 hours'))
    .addOption(start('start the new plan later than today'))
    .addOption(
      new Option(
        '--own-speed',
        'plan the rest at your own speed: the hours you took per estimated hour on finished stages',
      ),
    )
    .addOption(new Option('--estimates', "plan the rest at the roadmap's estimates again"))
    .addOption(yes('replan without asking'))
    .addOption(json())
    .action((o) =>
      perform(
        (c) => cmd.replan().then((m) => m.replanCommand(o, c)),
        () => ui.plan().then((m) => m.renderReplan),
        o.json,
      ),
    );
  program
    .command('reset')
    .description('forget the plan and progress (the file is moved aside, not deleted)')
    .addOption(yes('reset without asking'))
    .addOption(json())
    .action((o) =>
      perform(
        (c) => cmd.reset().then((m) => m.resetCommand(o, c)),
        () => ui.misc().then((m) => m.renderReset),
        o.json,
      ),
    );
}

function registerMarks(program: Command, perform: Perform): void {
  const mark = () => ui.progress().then((m) => m.renderMark);
  program
    .command('done')
    .description('mark stages done, by id, number or the start of the title')
    .addArgument(new Argument('<stage...>', 'stage ids, numbers or title starts'))
    .addOption(date('the day you finished'))
    .addOption(new Option('--link <url>', 'a link that proves it: your repository or live URL').argParser(parseLink))
    .addOption(yes('skip the self-check question'))
    .addOption(json())
    .action((names, o) => perform((c) => cmd.mark().then((m) => m.markCommand('done', names, o, c)), mark, o.json));
  program
    .command('undo')
    .description('put a stage back to todo')
    .addArgument(stage())
    .addOption(json())
    .action((name, o) => perform((c) => cmd.mark().then((m) => m.markCommand('undo', [name], {}, c)), mark, o.json));
  program
    .command('skip')
    .description('skip a stage: it counts as no ground covered, and a required one leaves a gap')
    .addArgument(stage())
    .addOption(date('the day you skipped it'))
    .addOption(yes('skip a stage already done without asking'))
    .addOption(json())
    .action((name, o) => perform((c) => cmd.mark().then((m) => m.markCommand('skip', [name], o, c)), mark, o.json));
  program
    .command('status')
    .description('progress, every stage with its dates, and whether you are on track')
    .addOption(new Option('--short', 'one line for a prompt'))
    .addOption(json())
    .action((o) => perform(statusTask(o.short), statusRenderer, o.json));
}

function registerEffort(program: Command, perform: Perform): void {
  const session = () => ui.progress().then((m) => m.renderSession);
  const log = program
    .command('log')
    .description('record study time; it counts toward the stage in progress (`log list` shows the log)')
    .addArgument(new Argument('<time>', 'time studied, like 1.5, 1.5h, 1:30, 90m or 1h30').argParser(parseDuration))
    .addOption(date('the day you studied'))
    .addOption(new Option('--stage <stage>', 'the stage you worked on (default: the stage in progress)'))
    .addOption(yes('log on a stage already done without asking (review time)'))
    .addOption(json())
    .action((hours, o) =>
      perform(
        (c) => cmd.log().then((m) => m.logCommand(hours, o, c)),
        () => ui.progress().then((m) => m.renderLog),
        o.json,
      ),
    );
  registerLogCorrections(log, perform);
  program
    .command('start')
    .description('start a study session (default: the stage in progress)')
    .addArgument(new Argument('[stage]', 'the stage to study'))
    .addOption(yes('start on a stage already done without asking (review time)'))
    .addOption(json())
    .action((name, o) => perform((c) => cmd.session().then((m) => m.startCommand(name, o, c)), session, o.json));
  program
    .command('stop')
    .description('end the study session and log it')
    .addOption(new Option('--at <time>', 'when you stopped: HH:MM or YYYY-MM-DDTHH:MM').argParser(parseStopTime))
    .addOption(json())
    .action((o) => perform((c) => cmd.session().then((m) => m.stopCommand(o, c)), session, o.json));
  program
    .command('cancel')
    .description('drop the running study session without logging it')
    .addOption(json())
    .action((o) => perform((c) => cmd.session().then((m) => m.cancelCommand(c)), session, o.json));
}

/** `log list`, `log remove <n>` and `log change <n>`: the log, and how to correct it. */
function registerLogCorrections(log: Command<[number], OptionValues>, perform: Perform): void {
  const changed = () => ui.progress().then((m) => m.renderLogChange);
  log
    .command('list')
    .description('the study log, numbered (the last 20 unless --all)')
    .addOption(new Option('--all', 'every entry'))
    .addOption(json())
    .action((o) =>
      perform(
        (c) => cmd.log().then((m) => m.logListCommand(o, c)),
        () => ui.progress().then((m) => m.renderLogList),
        o.json,
      ),
    );
  log
    .command('remove')
    .description('remove one entry of the log, by its number in `log list`')
    .addArgument(new Argument('<number>', 'the entry, as `log list` numbers it').argParser(parseEntryNumber))
    .addOption(json())
    .action((number, o) => perform((c) => cmd.log().then((m) => m.logRemoveCommand(number, c)), changed, o.json));
  log
    .command('change')
    .description('change the time, day or stage of one entry, by its number in `log list`')
    .addArgument(new Argument('<number>', 'the entry, as `log list` numbers it').argParser(parseEntryNumber))
    .addOption(
      new Option('--hours <time>', 'the time studied, like 1.5, 1.5h, 1:30, 90m or 1h30').argParser(parseDuration),
    )
    .addOption(date('the day studied'))
    .addOption(new Option('--stage <stage>', 'the stage studied'))
    .addOption(json())
    .action((number, o) => perform((c) => cmd.log().then((m) => m.logChangeCommand(number, o, c)), changed, o.json));
}

/** `note`, `note list` and `note remove <n>`: the learner's own notes beside the stages. */
function registerNotes(program: Command, perform: Perform): void {
  const misc = ui.misc;
  const note = program
    .command('note')
    .description('keep your own note on a stage (`note list`, `note remove <n>`)')
    .addArgument(stage())
    .addArgument(new Argument('<text>', 'the note'))
    .addOption(json())
    .action((name, text, o) =>
      perform(
        (c) => cmd.note().then((m) => m.noteCommand(name, text, c)),
        () => misc().then((m) => m.renderNote),
        o.json,
      ),
    );
  note
    .command('list')
    .description('your notes, numbered')
    .addArgument(new Argument('[stage]', 'only this stage'))
    .addOption(json())
    .action((name, o) =>
      perform(
        (c) => cmd.note().then((m) => m.noteListCommand(name, c)),
        () => misc().then((m) => m.renderNoteList),
        o.json,
      ),
    );
  note
    .command('remove')
    .description('remove one note, by its number in `note list`')
    .addArgument(new Argument('<number>', 'the note, as `note list` numbers it').argParser(parseEntryNumber))
    .addOption(json())
    .action((number, o) =>
      perform(
        (c) => cmd.note().then((m) => m.noteRemoveCommand(number, c)),
        () => misc().then((m) => m.renderRemoved),
        o.json,
      ),
    );
}

/** `link`, `link list` and `link remove <n>`. */
function registerLinks(program: Command, perform: Perform): void {
  const misc = ui.misc;
  const link = program
    .command('link')
    .description('keep a link that proves a stage: a repository or a live URL (`link list`, `link remove <n>`)')
    .addArgument(stage())
    .addArgument(new Argument('<url>', 'an http(s) URL').argParser(parseLink))
    .addOption(json())
    .action((name, url, o) =>
      perform(
        (c) => cmd.link().then((m) => m.linkCommand(name, url, c)),
        () => misc().then((m) => m.renderLink),
        o.json,
      ),
    );
  link
    .command('list')
    .description('your links, numbered')
    .addArgument(new Argument('[stage]', 'only this stage'))
    .addOption(json())
    .action((name, o) =>
      perform(
        (c) => cmd.link().then((m) => m.linkListCommand(name, c)),
        () => misc().then((m) => m.renderLinkList),
        o.json,
      ),
    );
  link
    .command('remove')
    .description('remove one link, by its number in `link list`; it leaves every export')
    .addArgument(new Argument('<number>', 'the link, as `link list` numbers it').argParser(parseEntryNumber))
    .addOption(json())
    .action((number, o) =>
      perform(
        (c) => cmd.link().then((m) => m.linkRemoveCommand(number, c)),
        () => misc().then((m) => m.renderRemoved),
        o.json,
      ),
    );
}

/** Where `check` finds each kind of evidence: the API, the login, the database, the repository, the document. */
const CHECK_OPTIONS = {
  url: () =>
    new Option(
      '--url <url>',
      "where your API runs: :8000, 8000, localhost:8000 or a full URL (default: the last one used, else your track's port)",
    ),
  token: () => new Option('--token <token>', 'your access token, sent instead of registering a fresh user'),
  db: () =>
    new Option(
      '--db <url>',
      'your database for stages that check it: postgres://user:password@localhost:5432/name (remembered)',
    ),
  remoteDb: () => new Option('--remote-db', 'read a --db that is not on this machine or its network: you mean it'),
  repo: () => new Option('--repo <folder>', 'your project repository (default: this folder)'),
  spec: () =>
    new Option('--spec <file-or-url>', "your OpenAPI document, when the API does not serve it at its framework's path"),
};

function registerTools(program: Command, perform: Perform): void {
  const o = CHECK_OPTIONS;
  program
    .command('check')
    .description("check a stage's project: your running API, database, repository, API document or container")
    .addArgument(stage())
    .addOption(o.url())
    .addOption(o.token())
    .addOption(o.db())
    .addOption(o.remoteDb())
    .addOption(o.repo())
    .addOption(o.spec())
    .addOption(json())
    .action((name, options) =>
      perform(
        (c) => cmd.check().then((m) => m.checkCommand(name, options, c)),
        () => ui.misc().then((m) => m.renderCheck),
        options.json,
        { exitCode: (r) => (r.passed ? 0 : 1) },
      ),
    );
  program
    .command('export')
    .description('the plan as a calendar (ics), Markdown (md), JSON or an SVG progress card')
    .addOption(
      new Option('--format <format>', 'ics, md, json or svg (default: from the -o file name)').choices([
        'ics',
        'md',
        'json',
        'svg',
      ] as const),
    )
    .addOption(new Option('-o, --output <file>', 'write to a file instead of stdout'))
    .addOption(new Option('--sessions', 'ics: add a daily study session of your weekly hours ÷ 7, with a reminder'))
    .addOption(
      new Option('--session-time <HH:MM>', 'ics: local time of the daily session (default: 18:00)').argParser(
        parseClockTime,
      ),
    )
    .action((o) =>
      perform(
        (c) => cmd.export().then((m) => m.exportCommand(o, c)),
        async (r) => (await ui.exports()).exportRenderer(r.format),
        false,
        { file: (r) => (r.output === null ? null : { path: r.output, example: `plan.${r.format}` }) },
      ),
    );
}

/** `roadmaps`, `roadmaps show` and `roadmaps validate`: the roadmaps themselves, no plan needed. */
function registerRoadmaps(program: Command, perform: Perform): void {
  const roadmaps = program
    .command('roadmaps')
    .description('list the built-in roadmaps; `roadmaps show <id|file>`, `roadmaps validate <file>`')
    .addOption(json())
    .action((o) =>
      perform(
        () => cmd.roadmaps().then((m) => m.listRoadmapsCommand()),
        () => ui.roadmaps().then((m) => m.renderRoadmapList),
        o.json,
      ),
    );
  roadmaps
    .command('show')
    .description("a roadmap's stages for a track, and what to skip for now")
    .addArgument(new Argument('<roadmap>', 'built-in id or .yaml file'))
    .addOption(new Option('--track <track>', 'track to show (default: the first)'))
    .addOption(json())
    .action((name, o) =>
      perform(
        (c) => cmd.roadmaps().then((m) => m.showRoadmapCommand(name, o, c)),
        () => ui.roadmaps().then((m) => m.renderRoadmapShow),
        o.json,
      ),
    );
  roadmaps
    .command('validate')
    .description('check a roadmap file and list every problem with file:line:col')
    .addArgument(new Argument('<file>', 'the roadmap file'))
    .addOption(json())
    .action((file, o) =>
      perform(
        (c) => cmd.roadmaps().then((m) => m.validateRoadmapCommand(file, c)),
        () => ui.roadmaps().then((m) => m.renderValidation),
        o.json,
        {
          exitCode: (r) => (r.valid ? 0 : 1),
        },
      ),
    );
}

/** The completion script and the hidden command it calls on every TAB. */
function registerCompletion(program: Command, io: Io): void {
  program
    .command('completion')
    .description('print the completion script for bash, zsh, fish or powershell')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish', 'powershell'] as const))
    .action(async (shell) => void io.stdout.write(await (await cmd.completion()).completionScriptCommand(shell)));
  // What the completion scripts call on every TAB: `backend-path complete -- <words>`.
  program
    .command('complete', { hidden: true })
    .argument('[words...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (words) => {
      const context = await actions(io).context();
      io.stdout.write(await (await cmd.completion()).completeCommand(describeProgram(program), words, context));
    });
}

/**
 * The top-level commands each register function adds, by the words that run them. A command run
 * by one of these words builds only its own group (buildProgram): the same commands, options and
 * errors, without building the rest. `check` ran 202.9 M instructions with the whole program
 * against 199.0 M, `log` 140.6 M against 137.3 M and `plan --json` 123.9 M against 118.0 M
 * (callgrind, medians of 3, Node 20.20); `check` and `log` took 0.98x and 0.97x as long (medians
 * of 40 paired runs, 2 cores). The hidden `home` (the welcome lists every command) and `complete`
 * (completion reads the whole program) build everything, and so does help (see buildProgram).
 */
export const COMMAND_GROUPS: readonly {
  words: readonly string[];
  register: (program: Command, perform: Perform, io: Io) => void;
}[] = [
  { words: ['plan', 'next'], register: registerPlanning },
  { words: ['done', 'undo', 'skip', 'status'], register: registerMarks },
  { words: ['log', 'start', 'stop', 'cancel'], register: registerEffort },
  { words: ['note'], register: registerNotes },
  { words: ['link'], register: registerLinks },
  { words: ['replan', 'reset'], register: registerReplanning },
  { words: ['check', 'export'], register: registerTools },
  { words: ['roadmaps'], register: registerRoadmaps },
  { words: ['completion'], register: (program, _, io) => registerCompletion(program, io) },
];

/** The commander program, writing to `io`: for a command word of COMMAND_GROUPS, only that word's group, unless help is asked. */
export function buildProgram(io: Io): Command {
  const { perform, name } = actions(io);
  const program = new Command('backend-path')
    .description('Your coach from first line of code to first backend job: a dated study plan, and what to do next.')
    .version(__VERSION__, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .enablePositionalOptions()
    .configureOutput(programOutput(io))
    .configureHelp({ formatItem: formatHelpItem, formatHelp: formatNarrowHelp });
  const own = asksHelp(io.argv) ? undefined : COMMAND_GROUPS.find(({ words }) => words.includes(io.argv[0]!));
  for (const { register } of own ? [own] : COMMAND_GROUPS) register(program, perform, io);
  program.addHelpText('after', () => helpExamples(terminalWidth(io.stdout, io.env), name()));
  program.hook('preAction', (_, action) => refuseFlagsAsValues(action));
  return program;
}

/**
 * One command or flag in the help. Where the terminal is too narrow for commander's two columns
 * (it would leave the text unwrapped, for the terminal to cut mid-word), the text goes under
 * the name, wrapped by words.
 */
function formatHelpItem(term: string, termWidth: number, description: string, helper: Help): string {
  const width = helper.helpWidth ?? 80;
  if (!description || width - termWidth - 4 >= helper.minWidthToWrap)
    return Help.prototype.formatItem.call(helper, term, termWidth, description, helper);
  return `  ${term}\n${wrap(description, width, 6)}`;
}

/** The whole help, its usage line wrapped by words under "Usage:" when it is wider than the terminal. */
function formatNarrowHelp(command: Command<unknown[], OptionValues>, helper: Help): string {
  const text = Help.prototype.formatHelp.call(helper, command as never, helper);
  const width = helper.helpWidth ?? 80;
  const [usage = '', ...rest] = text.split('\n');
  return usage.length <= width ? text : [wrap(usage, width, 0, 7), ...rest].join('\n');
}

/**
 * `--roadmap --yes` takes "--yes" as the roadmap's name, as commander reads it; a value that
 * reads as a long flag, or is one of the command's short ones, was surely a forgotten value, so
 * it is refused, saying which.
 */
function refuseFlagsAsValues(action: Command<unknown[], OptionValues>): void {
  for (const option of action.options) {
    if (!option.required) continue;
    const value: unknown = action.getOptionValue(option.attributeName());
    if (typeof value !== 'string') continue;
    if (/^--[a-z]/i.test(value) || action.options.some((o) => o.short === value)) {
      const name = option.long ?? option.flags;
      throw new UsageError(
        `${name} needs a value, but the next word is ${value}, a flag.`,
        `Give ${name} its value: \`${option.flags.replace(/^-\w, /, '')} ${value}\`.`,
      );
    }
  }
}
