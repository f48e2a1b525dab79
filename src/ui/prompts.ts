import { confirm, input, number, select } from '@inquirer/prompts';
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
  return ask(async () => {
    const value = await number({
      message,
      default: options.default,
      required: true,
      step: 'any',
      validate: (value) =>
        value !== undefined && Number.isFinite(value) && value >= options.min && value <= options.max ? true : options.invalid,
    });
    return value!;
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
