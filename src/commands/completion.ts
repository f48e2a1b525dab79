import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';
import { loadCurrent } from './current.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export interface CommandSpec {
  name: string;
  options: string[];
}

/** Commands whose argument is a stage, completed from the current plan. */
const STAGE_COMMANDS = ['done', 'undo', 'skip', 'note'];

export function parseShell(text: string): Shell {
  if (!(SHELLS as readonly string[]).includes(text)) throw new UsageError(`Unknown shell "${text}"; completion scripts exist for bash, zsh and fish.`);
  return text as Shell;
}

/** The stage ids of the current plan, for the completion scripts; none when there is no plan. */
export async function stageIdsCommand(context: CommandContext): Promise<string[]> {
  try {
    return (await loadCurrent(context)).roadmap.stages.map((s) => s.id);
  } catch {
    return [];
  }
}

function bash(commands: CommandSpec[]): string {
  const cases = commands.map((c) => `    ${c.name}) opts="${c.options.join(' ')}" ;;`).join('\n');
  return `# backend-path completion for bash. Install: backend-path completion bash >> ~/.bashrc
_backend_path() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmd="\${COMP_WORDS[1]}" opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${commands.map((c) => c.name).join(' ')} --help --version" -- "$cur") )
    return
  fi
  case "$cmd" in
${cases}
  esac
  case "$cmd" in
    ${STAGE_COMMANDS.join('|')})
      if [[ "$cur" != -* ]]; then
        COMPREPLY=( $(compgen -W "$(backend-path completion --stages 2>/dev/null)" -- "$cur") )
        return
      fi ;;
  esac
  COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
}
complete -F _backend_path backend-path
`;
}

function zsh(commands: CommandSpec[]): string {
  const cases = commands.map((c) => `    ${c.name}) _values 'option' ${c.options.map((o) => `'${o}'`).join(' ')} ;;`).join('\n');
  return `#compdef backend-path
# backend-path completion for zsh. Install: backend-path completion zsh > "\${fpath[1]}/_backend-path"
_backend_path() {
  if (( CURRENT == 2 )); then
    _values 'command' ${commands.map((c) => `'${c.name}'`).join(' ')}
    return
  fi
  case "$words[2]" in
    ${STAGE_COMMANDS.join('|')})
      if [[ "$words[CURRENT]" != -* ]]; then
        _values 'stage' $(backend-path completion --stages 2>/dev/null)
        return
      fi ;;
  esac
  case "$words[2]" in
${cases}
  esac
}
compdef _backend_path backend-path
`;
}

function fish(commands: CommandSpec[]): string {
  const lines = [
    '# backend-path completion for fish. Install: backend-path completion fish > ~/.config/fish/completions/backend-path.fish',
    'complete -c backend-path -f',
    ...commands.map((c) => `complete -c backend-path -n '__fish_use_subcommand' -a '${c.name}'`),
    ...commands.flatMap((c) => c.options.map((o) => `complete -c backend-path -n '__fish_seen_subcommand_from ${c.name}' -l '${o.replace(/^--/, '')}'`)),
    `complete -c backend-path -n '__fish_seen_subcommand_from ${STAGE_COMMANDS.join(' ')}' -a '(backend-path completion --stages 2>/dev/null)'`,
  ];
  return lines.join('\n') + '\n';
}

export function completionScript(shell: Shell, commands: CommandSpec[]): string {
  return { bash, zsh, fish }[shell](commands);
}
