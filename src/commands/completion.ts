import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadLearner, type CommandContext } from './context.js';
import { builtinRoadmaps } from '../roadmap/builtin.js';
import { safeLine } from '../validation/sanitize.js';
import BASH_SCRIPT from './completion/backend-path.bash';
import ZSH_SCRIPT from './completion/backend-path.zsh';

/** The shells `completion` writes a script for. */
export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

/** The command tree as the completion library needs it, described by the CLI layer. */
export interface CommandSpec {
  /** "" for the program itself, "plan", "roadmaps show"... */
  path: string;
  description: string;
  options: { long: string; short?: string; description: string; takesValue: boolean; choices: string[] }[];
  args: { name: string; variadic: boolean; choices: string[] }[];
}

type Complete = (value: string, description: string) => void;

/** tab writes through console.log; its output is collected here so commands return data. */
function collect(run: () => void): string {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...parts: unknown[]) => void lines.push(parts.join(' '));
  try {
    run();
  } finally {
    console.log = original;
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The script a shell loads once; it calls `backend-path complete -- <words>` on every TAB. The
 * bash and zsh scripts are ours: tab's pass candidates through `compgen -W` (bash), which expands
 * them, and `compadd -Q` (zsh), which inserts them unquoted, so a file named `x$(cmd).yaml` ran
 * `cmd` on TAB or on Enter. tab's fish and PowerShell scripts are used as they are.
 */
export async function completionScriptCommand(shell: Shell): Promise<string> {
  if (shell === 'bash') return BASH_SCRIPT;
  if (shell === 'zsh') return ZSH_SCRIPT;
  const { default: t } = await import('@bomb.sh/tab');
  return collect(() => t.setup('backend-path', 'backend-path', shell));
}

/**
 * A directive bit of ours, beside tab's (1 error, 2 no space, 4 no file completion, 8 and 16
 * filters, 32 keep order): the candidates are file names, which the bash and zsh scripts insert
 * the way each shell quotes file names. Scripts that do not know it ignore it.
 */
const FILE_NAMES = 64;

// A name that holds a line break, a tab or another control character cannot travel through the
// protocol's lines (nor be shown safely), so it is not offered; it can still be typed.
// eslint-disable-next-line no-control-regex -- control characters are what it finds.
const UNSAFE_NAME = /[\u0000-\u001f\u007f-\u009f]/;

/** Files and folders that start with the word being completed, folders with a trailing slash. */
function files(current: string, cwd: string, filter?: RegExp): string[] {
  const dir = current.endsWith('/')
    ? current
    : dirname(current) === '.' && !current.startsWith('./')
      ? ''
      : `${dirname(current)}/`;
  try {
    return readdirSync(resolve(cwd, dir || '.'))
      .filter(
        (name) =>
          name.startsWith(basename(current.endsWith('/') ? '' : current)) &&
          (!name.startsWith('.') || basename(current).startsWith('.')),
      )
      .flatMap((name) => {
        const isDir = statSync(join(resolve(cwd, dir || '.'), name), { throwIfNoEntry: false })?.isDirectory() ?? false;
        if ((!isDir && filter && !filter.test(name)) || UNSAFE_NAME.test(name)) return [];
        return [`${dir}${name}${isDir ? '/' : ''}`];
      });
  } catch {
    return [];
  }
}

/** A stage of the plan as completion offers it, with what a command's choice depends on. */
interface OfferedStage {
  entry: [string, string];
  status: string | undefined;
  /** It has checks or evidence: `check` takes it. */
  checked: boolean;
}

/**
 * done offers what is not done, skip what is not skipped, undo what is marked, check what has
 * checks; start and log --stage what is not skipped, which they refuse.
 */
const STAGES_FOR: Record<string, (stage: OfferedStage) => boolean> = {
  done: (s) => s.status !== 'done',
  skip: (s) => s.status !== 'skipped',
  undo: (s) => s.status !== undefined,
  check: (s) => s.checked,
  start: (s) => s.status !== 'skipped',
  '--stage': (s) => s.status !== 'skipped',
};

/** The plan's stages and tracks, read without writing; none when there is no readable plan. */
async function planChoices(context: CommandContext): Promise<{ stages: OfferedStage[]; tracks: [string, string][] }> {
  try {
    const { learner } = await loadLearner({ ...context, warn: () => {} });
    return {
      stages: learner.roadmap.stages.map((s, i) => ({
        entry: [s.id, `${i + 1}. ${s.title}`],
        status: learner.progress.get(s.id)?.status,
        checked: s.checks !== null || s.evidence !== null,
      })),
      tracks: [...learner.roadmap.tracks].map(([id, t]) => [id, t.title]),
    };
  } catch {
    // No plan (or an unreadable one): there are no stage ids to offer.
    return { stages: [], tracks: [] };
  }
}

/**
 * Completions for the words typed so far, in tab's protocol ("value\tdescription" lines and a
 * ":directive" line). Values come from the command tree (commands, flags, choices) and from the
 * learner's plan (stage ids), read without ever writing.
 */
export async function completeCommand(specs: CommandSpec[], words: string[], context: CommandContext): Promise<string> {
  const [{ RootCommand }, roadmaps, plan] = await Promise.all([
    import('@bomb.sh/tab'),
    builtinRoadmaps(),
    planChoices(context),
  ]);
  const current = words.at(-1) ?? '';
  const { stages } = plan;
  const tracks = new Map<string, string>();
  for (const roadmap of roadmaps) for (const [id, track] of roadmap.tracks) tracks.set(id, track.title);
  for (const [id, title] of plan.tracks) tracks.set(id, title);
  // Descriptions come from roadmap files too: one line each, with nothing a terminal acts on.
  const list = (entries: Iterable<[string, string]>) => (complete: Complete) => {
    for (const [value, description] of entries) complete(value, safeLine(description));
  };
  let offeredFiles = false;
  const fileList = (entries: () => [string, string][]) => (complete: Complete) => {
    offeredFiles = true;
    list(entries())(complete);
  };
  // A stage typed already (done a b <TAB>) is not offered again.
  const typed = new Set(words.slice(0, -1));
  const stagesFor = (command: string) =>
    list(stages.filter((s) => !typed.has(s.entry[0]) && (STAGES_FOR[command] ?? (() => true))(s)).map((s) => s.entry));
  const dynamic: Record<string, (complete: Complete) => void> = {
    stage: stagesFor('--stage'),
    track: list(tracks),
    roadmap: fileList(() => [
      ...roadmaps.map((r) => [r.id, r.title] as [string, string]),
      ...files(current, context.cwd, /\.ya?ml$/i).map((f) => [f, 'roadmap file'] as [string, string]),
    ]),
    file: fileList(() => files(current, context.cwd).map((f) => [f, ''])),
    output: fileList(() => files(current, context.cwd).map((f) => [f, ''])),
  };
  const handler = (name: string, choices: string[]) =>
    dynamic[name] ?? (choices.length > 0 ? list(choices.map((c) => [c, ''])) : undefined);

  const root = new RootCommand();
  for (const spec of specs) {
    const command = spec.path === '' ? root : root.command(spec.path, spec.description);
    for (const option of spec.options) {
      const values = handler(option.long, option.choices) ?? (option.takesValue ? () => {} : undefined);
      if (values) command.option(option.long, option.description, values, option.short);
      else command.option(option.long, option.description, option.short);
    }
    for (const arg of spec.args)
      command.argument(
        arg.name,
        arg.name === 'stage' ? stagesFor(spec.path) : handler(arg.name, arg.choices),
        arg.variadic,
      );
  }
  const answer = collect(() => root.parse([...words]));
  return offeredFiles ? answer.replace(/^:(\d+)$/m, (_, bits: string) => `:${Number(bits) | FILE_NAMES}`) : answer;
}
