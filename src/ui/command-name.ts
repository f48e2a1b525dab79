let commandName: string | (() => string) = 'backend-path';

/**
 * Suggested commands are written `backend-path …` in backticks and printed in the form that
 * works in the learner's shell (`npx backend-path …` under npx, for instance); the CLI layer
 * sets that form once, and text is adapted before it is wrapped, so lines keep their width.
 */
export function useCommandName(name: string | (() => string)): void {
  commandName = name;
}

/**
 * The text with its suggested commands in the learner's form. The form is worked out (a search
 * of PATH) only for text that suggests one: the prompt line and most answers never do.
 */
export function adaptCommands(text: string): string {
  if (!text.includes('`backend-path')) return text;
  if (typeof commandName === 'function') commandName = commandName();
  return nameCommands(text, commandName);
}

/** The suggested commands in `text` (`backend-path …` in backticks) written with `name`. */
export function nameCommands(text: string, name: string): string {
  // A function, so that a `$` in a folder's name is taken as it is.
  return name === 'backend-path' ? text : text.replace(/`backend-path(?=[ `])/g, () => `\`${name}`);
}
