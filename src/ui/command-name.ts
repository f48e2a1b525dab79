let commandName = 'backend-path';

/**
 * Suggested commands are written `backend-path …` in backticks and printed in the form that
 * works in the learner's shell (`npx backend-path …` under npx, for instance); the CLI layer
 * sets that form once, and text is adapted before it is wrapped, so lines keep their width.
 */
export function useCommandName(name: string): void {
  commandName = name;
}

export function adaptCommands(text: string): string {
  return commandName === 'backend-path' ? text : text.replace(/`backend-path(?=[ `])/g, `\`${commandName}`);
}
