import { Command, CommanderError, Option } from 'commander';
import type { CommandContext } from './commands/context.js';
import type { ExportOptions } from './commands/export.js';
import type { Mark } from './commands/mark.js';
import type { PlanOptions } from './commands/plan.js';
import type { NextStage } from './commands/report.js';
import { configDir, resolveToday } from './env.js';
import { CliError, UsageError } from './errors.js';
import { createStyle, terminalWidth } from './ui/style.js';

// Commands and their renderers are imported inside each action, so `--help` and every command
// load only the code they run: start-up time is part of the product.
declare const __VERSION__: string;

async function context(): Promise<CommandContext> {
  const { ProgressStore } = await import('./store/store.js');
  const waitVisibly = async () => {
    const { startSpinner } = await import('./ui/spinner.js');
    const spinner = await startSpinner('Waiting for another backend-path command to finish…');
    return () => spinner.stop();
  };
  return {
    store: new ProgressStore(configDir(), waitVisibly),
    today: resolveToday(),
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
    warn: (message) => process.stderr.write(`${createStyle(process.stderr).yellow('Warning:')} ${message}\n`),
  };
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function printJson(data: unknown): void {
  print(JSON.stringify(data, null, 2));
}

const render = () => ({ style: createStyle(process.stdout), width: terminalWidth(process.stdout) });

const jsonOption = () => new Option('--json', 'print the result as JSON only');
type JsonFlag = { json?: boolean };

/** The documented `next --json` stage: what a script needs, without rendering details. */
function publicStage({ id, title, start, end, summary, topics, tools, resources, project, notes }: NextStage) {
  return { id, title, start, end, summary, topics, tools, resources, project, notes };
}


export function buildProgram(): Command {
  const program = new Command('backend-path')
    .description('Your coach from first line of code to first backend job: a dated study plan, and what to do next.')
    .version(__VERSION__, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'Error: ')) });

  program
    .command('plan')
    .description('make your dated week-by-week plan (asks what flags leave out)')
    .option('--track <track>', 'language track: node or python')
    .option('--hours <n>', 'hours a week you can study, 1 to 80')
    .option('--start <date>', 'first day, YYYY-MM-DD (default: today)')
    .option('--roadmap <id|file>', 'built-in roadmap id or a roadmap .yaml file (default: backend)')
    .option('-y, --yes', 'replace an existing plan without asking')
    .addOption(jsonOption())
    .action(async (options: PlanOptions & JsonFlag) => {
      const { planCommand } = await import('./commands/plan.js');
      const result = await planCommand(options, await context());
      if (options.json) return printJson(result.plan);
      const { renderPlan, renderSaved } = await import('./ui/render-plan.js');
      print(renderPlan(result.plan, result.roadmap, render()) + renderSaved(result, render()));
    });

  program
    .command('next')
    .description('what to study now: dates, why, topics, tools, free resources, project')
    .addOption(jsonOption())
    .action(async (options: JsonFlag) => {
      const ctx = await context();
      const { nextCommand } = await import('./commands/next.js');
      const result = await nextCommand(ctx);
      if (options.json) {
        return printJson({ stage: result.stage && publicStage(result.stage), daysLeft: result.daysLeft });
      }
      const { renderNext } = await import('./ui/render-progress.js');
      print(renderNext(result, ctx.today, render()));
    });

  const mark = (name: Mark, description: string, variadic: boolean) => {
    const command = program.command(`${name} ${variadic ? '<stage...>' : '<stage>'}`).description(description);
    if (name !== 'undo') command.option('--date <date>', 'when, YYYY-MM-DD (default: today)');
    command.addOption(jsonOption()).action(async (stages: string | string[], options: { date?: string } & JsonFlag) => {
      const ctx = await context();
      const { markCommand } = await import('./commands/mark.js');
      const result = await markCommand(name, Array.isArray(stages) ? stages : [stages], options, ctx);
      if (options.json) return printJson(result);
      const { renderMark } = await import('./ui/render-progress.js');
      print(renderMark(result, ctx.today, render()));
    });
  };
  mark('done', 'mark stages done, by id, number or the start of the title', true);
  mark('undo', 'put a stage back to todo', false);
  mark('skip', 'skip a stage (it does not count as learned)', false);

  program
    .command('status')
    .description('progress, each stage with its dates, and whether you are on track')
    .addOption(jsonOption())
    .action(async (options: JsonFlag) => {
      const { statusCommand } = await import('./commands/status.js');
      const result = await statusCommand(await context());
      if (options.json) return printJson(result);
      const { renderStatus } = await import('./ui/render-progress.js');
      print(renderStatus(result, render()));
    });

  program
    .command('log <hours>')
    .description('record study time, for the weekly target, streak and pace')
    .option('--date <date>', 'the day you studied, YYYY-MM-DD (default: today)')
    .option('--stage <stage>', 'the stage you worked on')
    .addOption(jsonOption())
    .action(async (hours: string, options: { date?: string; stage?: string } & JsonFlag) => {
      const { logCommand } = await import('./commands/log.js');
      const result = await logCommand(hours, options, await context());
      if (options.json) return printJson(result);
      const { renderLog } = await import('./ui/render-misc.js');
      print(renderLog(result, render()));
    });

  program
    .command('note <stage> <text>')
    .description('keep your own note or link on a stage')
    .addOption(jsonOption())
    .action(async (stage: string, text: string, options: JsonFlag) => {
      const { noteCommand } = await import('./commands/note.js');
      const result = await noteCommand(stage, text, await context());
      if (options.json) return printJson(result);
      const { renderNote } = await import('./ui/render-misc.js');
      print(renderNote(result, render()));
    });

  program
    .command('replan')
    .description('life happens: lay the remaining stages out again from today')
    .option('-y, --yes', 'replan without asking')
    .addOption(jsonOption())
    .action(async (options: { yes?: boolean } & JsonFlag) => {
      const { replanCommand } = await import('./commands/replan.js');
      const result = await replanCommand(options, await context());
      if (options.json) {
        const { roadmap: _r, ...rest } = result;
        return printJson(rest);
      }
      const { renderReplan } = await import('./ui/render-misc.js');
      print(renderReplan(result, render()));
    });

  program
    .command('reset')
    .description('forget the plan and progress (the file is moved aside, not deleted)')
    .option('-y, --yes', 'reset without asking')
    .addOption(jsonOption())
    .action(async (options: { yes?: boolean } & JsonFlag) => {
      const { resetCommand } = await import('./commands/reset.js');
      const result = await resetCommand(options, await context());
      if (options.json) return printJson(result);
      const { renderReset } = await import('./ui/render-misc.js');
      print(renderReset(result, render()));
    });

  program
    .command('export')
    .description('the plan as a calendar (ics), Markdown (md) or JSON')
    .option('--format <format>', 'ics, md or json')
    .option('-o, --output <file>', 'write to a file (atomically) instead of stdout')
    .option('--sessions', 'ics: add a weekly study session with a reminder')
    .option('--session-time <HH:MM>', 'ics: local time of the weekly session (default: 18:00)')
    .action(async (options: ExportOptions) => {
      const { exportCommand, parseFormat, parseSessionTime, writeExport } = await import('./commands/export.js');
      const format = parseFormat(options.format);
      const time = parseSessionTime(options.sessionTime);
      const exported = await exportCommand(await context());
      const text =
        format === 'json'
          ? `${JSON.stringify(exported.plan, null, 2)}\n`
          : format === 'md'
            ? (await import('./ui/export-md.js')).renderMarkdown(exported)
            : (await import('./ui/export-ics.js')).renderIcs(exported, options.sessions ? time : undefined);
      if (!options.output) return print(text);
      writeExport(options.output, text);
      process.stderr.write(`Wrote ${options.output}\n`);
    });

  const roadmaps = program
    .command('roadmaps')
    .description('list the built-in roadmaps; `roadmaps show <id|file>`, `roadmaps validate <file>`')
    .addOption(jsonOption())
    .action(async (options: JsonFlag) => {
      const { listRoadmapsCommand } = await import('./commands/roadmaps.js');
      const list = await listRoadmapsCommand();
      if (options.json) return printJson(list);
      const { renderRoadmapList } = await import('./ui/render-roadmaps.js');
      print(renderRoadmapList(list, render()));
    });
  roadmaps
    .command('show <roadmap>')
    .description("a roadmap's stages for a track, without making a plan")
    .option('--track <track>', 'track to show (default: the first)')
    .addOption(jsonOption())
    .action(async (name: string, options: { track?: string } & JsonFlag) => {
      const { showRoadmapCommand, summarize } = await import('./commands/roadmaps.js');
      const result = await showRoadmapCommand(name, options);
      if (options.json) return printJson({ roadmap: summarize(result.roadmap), track: result.track, stages: result.stages });
      const { renderRoadmapShow } = await import('./ui/render-roadmaps.js');
      print(renderRoadmapShow(result, render()));
    });
  roadmaps
    .command('validate <file>')
    .description('check a roadmap file and list every problem with file:line:col')
    .addOption(jsonOption())
    .action(async (file: string, options: JsonFlag) => {
      const { validateRoadmapCommand } = await import('./commands/roadmaps.js');
      const result = await validateRoadmapCommand(file);
      if (options.json) printJson(result);
      else print((await import('./ui/render-roadmaps.js')).renderValidation(result, render()));
      if (!result.valid) throw new CliError('', 1);
    });

  program
    .command('completion [shell]')
    .description('print a completion script for bash, zsh or fish')
    .addOption(new Option('--stages', 'print the stage ids of the current plan').hideHelp())
    .action(async (shell: string | undefined, options: { stages?: boolean }) => {
      const { completionScript, parseShell, stageIdsCommand } = await import('./commands/completion.js');
      if (options.stages) return print((await stageIdsCommand(await context())).join('\n'));
      if (shell === undefined) throw new UsageError('Name a shell: backend-path completion bash, zsh or fish.');
      const specs = program.commands.map((command) => ({ name: command.name(), options: command.options.filter((o) => !o.hidden).map((o) => o.long!).filter(Boolean) }));
      process.stdout.write(completionScript(parseShell(shell), specs));
    });

  program.addHelpText(
    'after',
    `
Examples:
  $ backend-path plan                       answer a few questions, get your dated plan
  $ backend-path plan --track python --hours 8 --start 2026-01-05
  $ backend-path next                       what to study now
  $ backend-path done sql-postgres          mark a stage done (id, number or title)
  $ backend-path undo 4                     put stage 4 back to todo
  $ backend-path skip orm                   skip a stage
  $ backend-path status --json              progress and on-track verdict as JSON
  $ backend-path log 1.5 --stage http       record an hour and a half of study
  $ backend-path note sql "joins click now" keep a note on a stage
  $ backend-path replan --yes               re-flow what is left from today
  $ backend-path reset --yes                start over (the old file is kept aside)
  $ backend-path export --format ics -o plan.ics --sessions
  $ backend-path roadmaps show backend-extended --track python
  $ backend-path roadmaps validate ./my-roadmap.yaml
  $ backend-path completion bash >> ~/.bashrc

Your plan and progress are saved in progress.json under BACKEND_PATH_CONFIG_DIR
(default: your user config folder, e.g. ~/.config/backend-path).`,
  );
  return program;
}

/** The only place that turns errors into messages and exit codes. */
export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  const style = createStyle(process.stderr);
  if (process.env.DEBUG?.split(',').includes('backend-path') && error instanceof Error) {
    process.stderr.write(`${error.stack}\n`);
  }
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    process.stderr.write(style.dim('Run `backend-path --help` to see the commands and their flags.\n'));
    return 2;
  }
  if (error instanceof CliError) {
    // An empty message means the command has already said everything (e.g. `roadmaps validate`).
    if (error.message === '') return error.exitCode;
    process.stderr.write(`${error.exitCode === 130 ? '' : style.red('Error: ')}${error.message}\n`);
    if (error.hint) process.stderr.write(style.dim(`${error.hint}\n`));
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${style.red('Error:')} something unexpected went wrong: ${message}\n`);
  process.stderr.write(style.dim('Run again with DEBUG=backend-path to see the details, and please report it.\n'));
  return 1;
}

/** Runs the CLI for this process: the bundle's entry calls this and nothing else. */
export async function run(): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A closed pipe (e.g. `backend-path plan | head`) is the reader's choice, not a failure.
    if (error.code === 'EPIPE') process.exit(0);
  });
  process.exitCode = await main();
}
