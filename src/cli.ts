import { Command, CommanderError, Option } from 'commander';
import { planCommand } from './commands/plan.js';
import type { CommandContext } from './commands/context.js';
import { configDir, resolveToday } from './env.js';
import { CliError } from './errors.js';
import { ProgressStore } from './store/store.js';
import { createStyle, terminalWidth } from './ui/style.js';
import { renderPlan } from './ui/render-plan.js';
import { renderSaved } from './ui/render-common.js';

declare const __VERSION__: string;

function context(): CommandContext {
  return {
    store: new ProgressStore(configDir()),
    today: resolveToday(),
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
  };
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function printJson(data: unknown): void {
  print(JSON.stringify(data, null, 2));
}

const render = () => ({ style: createStyle(process.stdout), width: terminalWidth(process.stdout) });

const jsonOption = new Option('--json', 'print the result as JSON only');

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
    .addOption(jsonOption)
    .action(async (options: { track?: string; hours?: string; start?: string; roadmap?: string; yes?: boolean; json?: boolean }) => {
      const result = await planCommand(options, context());
      if (options.json) return printJson(result.plan);
      print(renderPlan(result.plan, result.roadmap, render()) + renderSaved(result, render()));
    });

  program.addHelpText(
    'after',
    `
Examples:
  $ backend-path plan                              answer three questions, get your dated plan
  $ backend-path plan --track python --hours 8 --start 2026-01-05 --json

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
