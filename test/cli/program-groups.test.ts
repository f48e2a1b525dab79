import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { buildProgram, COMMAND_GROUPS } from '../../src/cli/program.js';

/** An io that runs nothing: these tests only build programs and read their help. */
const io = (argv: string[]): Io => ({
  argv,
  env: { NO_COLOR: '1', COLUMNS: '100' },
  cwd: process.cwd(),
  stdout: { write: () => true, columns: 100 },
  stderr: { write: () => true },
  stdinIsTTY: () => false,
  now: () => new Date('2026-11-23T12:00:00Z'),
});

/** Every command of a program with its whole help, subcommands included, by path. */
function helps(program: Command, path = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const command of program.commands as Command[]) {
    const name = `${path}${command.name()}`;
    found.set(name, command.helpInformation());
    for (const [inner, help] of helps(command, `${name} `)) found.set(inner, help);
  }
  return found;
}

describe('the program a command word builds', () => {
  const whole = helps(buildProgram(io([])) as unknown as Command);

  it('is the group of that word, and the groups hold every command but the welcome and completion', () => {
    const grouped = COMMAND_GROUPS.flatMap(({ words }) => words);
    const topLevel = [...whole.keys()].filter((name) => !name.includes(' '));
    expect([...grouped].sort()).toEqual(topLevel.filter((name) => !['home', 'complete'].includes(name)).sort());
    for (const word of grouped) {
      const own = helps(buildProgram(io([word, '--json'])) as unknown as Command);
      const group = COMMAND_GROUPS.find(({ words }) => words.includes(word))!;
      expect([...own.keys()].filter((name) => !name.includes(' ') && name !== 'home' && name !== 'complete')).toEqual(
        group.words,
      );
      // The same commands, options, arguments and help as in the whole program.
      for (const [name, help] of own) expect({ name, help }).toEqual({ name, help: whole.get(name) });
    }
  });

  it('is the whole program when help or the version is asked, whose one code cache serves every help', () => {
    for (const args of [
      ['log', '--help'],
      ['check', '-h'],
      ['note', 'list', '--help'],
      ['done', '--version'],
    ])
      expect([...helps(buildProgram(io(args)) as unknown as Command).keys()]).toEqual([...whole.keys()]);
  });

  it('parses and refuses words as the whole program does', async () => {
    const parsed = async (programArgv: string[], args: string[]) => {
      const written: string[] = [];
      const own = io(programArgv);
      own.stderr = { write: (chunk) => written.push(chunk) > 0 };
      const program = buildProgram(own);
      // Only how the words are read: no command runs.
      for (const command of program.commands) command.action(() => undefined);
      const outcome = await program.parseAsync(args, { from: 'user' }).then(
        () => 'parsed',
        (error: Error) => error.message,
      );
      return { outcome, written: written.join('') };
    };
    for (const args of [
      ['log', '1', '--hourz', '2'],
      ['log', '1', '--dat', '2026-01-01'],
      ['check'],
      ['check', 'x', '--urll', ':8000'],
      ['done'],
      ['export', '--format', 'pdf'],
      ['note'],
      ['link', 'remove'],
      ['plan', '--hours', 'lots'],
      ['status', '--shrt'],
      ['roadmaps', 'validat'],
    ]) {
      const alone = await parsed(args, args);
      expect({ args, ...alone }).toEqual({ args, ...(await parsed([], args)) });
      expect(alone.outcome, args.join(' ')).not.toBe('parsed');
    }
  });
});
