import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadLearner, type CommandContext } from './context.js';
import { builtinRoadmaps } from '../roadmap/builtin.js';

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

/** The script a shell loads once; it calls `backend-path complete -- <words>` on every TAB. */
export async function completionScriptCommand(shell: Shell): Promise<string> {
  const { default: t } = await import('@bomb.sh/tab');
  const script = collect(() => t.setup('backend-path', 'backend-path', shell));
  // tab's bash script declares its constants readonly, so sourcing it a second time (a reloaded
  // ~/.bashrc) would print errors; plain variables behave the same otherwise.
  return shell === 'bash' ? script.replace(/^readonly (ShellCompDirective\w+=)/gm, '$1') : script;
}

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
        if (!isDir && filter && !filter.test(name)) return [];
        return [`${dir}${name}${isDir ? '/' : ''}`];
      });
  } catch {
    return [];
  }
}

/**
 * Completions for the words typed so far, in tab's protocol ("value\tdescription" lines and a
 * ":directive" line). Values come from the command tree (commands, flags, choices) and from the
 * learner's plan (stage ids), read without ever writing.
 */
export async function completeCommand(specs: CommandSpec[], words: string[], context: CommandContext): Promise<string> {
  const [{ RootCommand }, roadmaps] = await Promise.all([import('@bomb.sh/tab'), builtinRoadmaps()]);
  const current = words.at(-1) ?? '';
  let stages: [string, string][] = [];
  let tracks = new Map<string, string>();
  for (const roadmap of roadmaps) for (const [id, track] of roadmap.tracks) tracks.set(id, track.title);
  try {
    const { learner } = await loadLearner({ ...context, warn: () => {} });
    stages = learner.roadmap.stages.map((s, i) => [s.id, `${i + 1}. ${s.title}`]);
    tracks = new Map([...tracks, ...[...learner.roadmap.tracks].map(([id, t]) => [id, t.title] as [string, string])]);
  } catch {
    // No plan (or an unreadable one): there are no stage ids to offer.
  }
  const list = (entries: Iterable<[string, string]>) => (complete: Complete) => {
    for (const [value, description] of entries) complete(value, description);
  };
  const dynamic: Record<string, (complete: Complete) => void> = {
    stage: list(stages),
    track: list(tracks),
    roadmap: list([
      ...roadmaps.map((r) => [r.id, r.title] as [string, string]),
      ...files(current, context.cwd, /\.ya?ml$/i).map((f) => [f, 'roadmap file'] as [string, string]),
    ]),
    file: list(files(current, context.cwd).map((f) => [f, ''] as [string, string])),
    output: list(files(current, context.cwd).map((f) => [f, ''] as [string, string])),
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
    for (const arg of spec.args) command.argument(arg.name, handler(arg.name, arg.choices), arg.variadic);
  }
  return collect(() => root.parse([...words]));
}
