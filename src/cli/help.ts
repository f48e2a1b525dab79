import { nameCommands } from '../ui/command-name.js';
import { wrap } from '../ui/text.js';

/** What `backend-path --help` ends with: example commands, each with what it does where that helps. */
const EXAMPLES: [command: string, what?: string][] = [
  ['backend-path plan', 'three questions, then your dated plan'],
  ['backend-path plan --track python --hours 8 --yes'],
  ['backend-path', "today's stage, this week's hours, the verdict"],
  ['backend-path next', 'what to study now, and how to prove it'],
  ['backend-path start', 'time a session; `backend-path stop` logs it'],
  ['backend-path log 1.5', 'an hour and a half on the stage in progress'],
  ['backend-path check rest-api --url :8000'],
  ['backend-path done rest-api --link https://github.com/you/todo-api'],
  ['backend-path status --json', 'where you stand, for a script'],
  ['backend-path replan --hours 6 --yes'],
  ['backend-path export --format ics -o plan.ics --sessions'],
  ['backend-path roadmaps show backend-extended --track python'],
];

const COLUMN = 32;

/**
 * The examples and pointers that `backend-path --help` ends with, for a terminal `width` columns
 * wide: in two columns where they fit, else each example's text under its command. A command
 * wider than the terminal is continued on the next line with a backslash, so it still pastes
 * as one command.
 */
export function helpExamples(width: number, name = 'backend-path'): string {
  // Written with the bare command; shown in the form that works here (`node …/backend-path.js`
  // before it is on PATH, `npx backend-path` under npx), as every suggested command is.
  const examples = EXAMPLES.map(
    ([command, what]) => [name + command.slice('backend-path'.length), what && nameCommands(what, name)] as const,
  );
  // The texts line up after the longest command that has one ("  $ " before it, a space after).
  const described = examples.filter(([, what]) => what);
  const column = Math.max(COLUMN, ...described.map(([command]) => command.length + 5));
  const twoColumns = described.every(([, what]) => column + what!.length <= width);
  const lines = examples.flatMap(([command, what]) => {
    const shown = fold(`  $ ${command}`, width);
    if (!what) return [shown];
    return twoColumns ? [`${shown.padEnd(column)}${what}`] : [shown, wrap(what, width, 6)];
  });
  const pointer = wrap(
    nameCommands('Run `backend-path <command> --help` for its flags.', name) +
      ' Your plan is kept in progress.json under BACKEND_PATH_CONFIG_DIR (default: your user config folder, e.g. ~/.config/backend-path).',
    width,
  );
  return `\nExamples:\n${lines.join('\n')}\n\n${pointer}`;
}

/** A command line folded at spaces into rows of at most `width` columns, each but the last ending in a backslash. */
function fold(line: string, width: number): string {
  if (line.length <= width) return line;
  const rows: string[] = [];
  let row = '';
  for (const word of line.trimStart().split(' ')) {
    const start = rows.length === 0 ? '  ' : '      ';
    if (row && (start + row + ' ' + word).length + 2 > width) {
      rows.push(start + row);
      row = word;
    } else row = row ? `${row} ${word}` : word;
  }
  rows.push((rows.length === 0 ? '  ' : '      ') + row);
  return rows.join(' \\\n');
}
