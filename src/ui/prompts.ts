import { confirm, input, select } from '@inquirer/prompts';
import { CancelledError } from '../errors.js';
import { safeLine } from '../validation/sanitize.js';
import { terminalWidth } from './style.js';
import { wrap } from './text.js';

/**
 * The only module that talks to @inquirer/prompts. Commands call these only when there is a
 * terminal to ask on; the questions go to stdout when it is the terminal and to stderr when
 * stdout is redirected (`plan > plan.txt`), so the answer file holds only the plan. Ctrl-C at
 * any question becomes a CancelledError (exit 130).
 */
export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
}

const output = () => (process.stdout.isTTY ? process.stdout : process.stderr);

/** A prompt's complaint about an answer, wrapped by words after the `> ` the prompt puts before it. */
const complaint = (message: string) => wrap(safeLine(message), terminalWidth(output()) - 2);

/**
 * Asks one question. Ctrl-C typed at it is read by the prompt itself; a SIGINT or SIGTERM sent
 * to the process would end it before the prompt could show the cursor again, so while a question
 * is open those signals cancel the question instead, and the prompt restores the terminal.
 */
async function ask<T>(
  question: (context: { output: NodeJS.WriteStream; signal: AbortSignal }) => Promise<T>,
  cancelMessage: string,
): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort('SIGINT');
  const onTerminate = () => controller.abort('SIGTERM');
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  try {
    return await question({ output: output(), signal: controller.signal });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'ExitPromptError' || name === 'AbortPromptError')
      throw new CancelledError(cancelMessage, controller.signal.reason === 'SIGTERM' ? 143 : 130);
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onTerminate);
  }
}

export function askSelect<T>(
  message: string,
  choices: Choice<T>[],
  cancelMessage: string,
  defaultValue?: T,
): Promise<T> {
  // Descriptions are wrapped here at word boundaries, so the prompt never cuts a word in two.
  const width = terminalWidth(output()) - 2;
  const clean = choices.map((c) => ({
    value: c.value,
    name: safeLine(c.name),
    description: c.description && wrap(safeLine(c.description), width),
  }));
  return ask((context) => select({ message, choices: clean, default: defaultValue }, context), cancelMessage);
}

export function askNumber(
  message: string,
  options: { min: number; max: number; default?: number; invalid: string; parse: (text: string) => number | undefined },
  cancelMessage: string,
): Promise<number> {
  // A text prompt, so that "abc" gets the same sentence as 500 instead of a generic one.
  return ask(async (context) => {
    const answer = await input(
      {
        message,
        default: options.default === undefined ? undefined : String(options.default),
        validate: (text) => (options.parse(text) === undefined ? complaint(options.invalid) : true),
      },
      context,
    );
    return options.parse(answer)!;
  }, cancelMessage);
}

export function askText(
  message: string,
  options: { default?: string; validate: (value: string) => true | string },
  cancelMessage: string,
): Promise<string> {
  const validate = (value: string) => {
    const verdict = options.validate(value);
    return verdict === true ? true : complaint(verdict);
  };
  return ask((context) => input({ message, default: options.default, validate }, context), cancelMessage);
}

/** A yes/no question; the explanation, if any, is printed first, wrapped, so the question stays one short line. */
export function askConfirm(
  message: string,
  defaultAnswer: boolean,
  cancelMessage: string,
  intro?: string,
): Promise<boolean> {
  if (intro) output().write(`${wrap(safeLine(intro), terminalWidth(output()))}\n`);
  return ask((context) => confirm({ message, default: defaultAnswer }, context), cancelMessage);
}

/** Shows lists the learner should read first (a stage's self-check), then asks yes or no. */
export function askConfirmList(
  sections: { title: string; items: string[] }[],
  message: string,
  cancelMessage: string,
): Promise<boolean> {
  const width = terminalWidth(output());
  const text = sections.map((s) =>
    [wrap(safeLine(s.title), width), ...s.items.map((item) => wrap(`• ${safeLine(item)}`, width, 2, 2))].join('\n'),
  );
  output().write(`${text.join('\n\n')}\n\n`);
  return askConfirm(message, true, cancelMessage);
}
