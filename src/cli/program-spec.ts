import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';
import type { CommandSpec } from '../commands/completion.js';

/** The command tree of a commander program, as the completion library needs it. */
export function describeProgram(program: Command): CommandSpec[] {
  const describe = (command: Command, path: string): CommandSpec => ({
    path,
    description: command.description(),
    options: command.options
      .filter((o) => !o.hidden && o.long)
      .map((o) => ({
        long: o.long!.slice(2),
        short: o.short?.slice(1),
        description: o.description,
        takesValue: o.required || o.optional,
        choices: o.argChoices ?? [],
      })),
    args: command.registeredArguments.map((a) => ({
      name: a.name(),
      variadic: a.variadic,
      choices: a.argChoices ?? [],
    })),
  });
  const visible = (command: Command) =>
    command
      .createHelp()
      .visibleCommands(command)
      .filter((c) => c.name() !== 'help');
  const walk = (command: Command, path: string): CommandSpec[] => [
    describe(command, path),
    ...visible(command).flatMap((child) => walk(child, path ? `${path} ${child.name()}` : child.name())),
  ];
  return walk(program, '');
}
