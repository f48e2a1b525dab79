import { confirm, input, select } from '@inquirer/prompts';
import { CancelledError } from '../errors.js';

/**
 * The only module that talks to @inquirer/prompts. Commands call these only when stdin and
 * stdout are terminals; Ctrl-C at any question becomes a CancelledError (exit 130).
 */
export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
}

async function ask<T>(question: () => Promise<T>, cancelMessage: string): Promise<T> {
  try {
    return await question();
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new CancelledError(cancelMessage);
    throw error;
  }
}

export function askSelect<T>(message: string, choices: Choice<T>[], cancelMessage: string): Promise<T> {
  return ask(() => select({ message, choices }), cancelMessage);
}

export function askNumber(
  message: string,
  options: { min: number; max: number; default?: number; invalid: string },
  cancelMessage: string,
): Promise<number> {
  // A text prompt, so that "abc" gets the same sentence as 500 instead of a generic one.
  const parse = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  const valid = (value: number) => Number.isFinite(value) && value >= options.min && value <= options.max;
  return ask(async () => {
    const answer = await input({
      message,
      default: options.default === undefined ? undefined : String(options.default),
      validate: (text) => (valid(parse(text)) ? true : options.invalid),
    });
    return parse(answer);
  }, cancelMessage);
}

export function askText(
  message: string,
  options: { default?: string; validate: (value: string) => true | string },
  cancelMessage: string,
): Promise<string> {
  return ask(() => input({ message, default: options.default, validate: options.validate }), cancelMessage);
}

export function askConfirm(message: string, defaultAnswer: boolean, cancelMessage: string): Promise<boolean> {
  return ask(() => confirm({ message, default: defaultAnswer }), cancelMessage);
}
