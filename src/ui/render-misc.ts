import type { CheckResult } from '../commands/check.js';
import type { LinkResult, LinkListResult, LinkRemoveResult } from '../commands/link.js';
import type { NoteListResult, NoteRemoveResult, NoteResult } from '../commands/note.js';
import { formatDay } from '../plan/dates.js';
import type { ResetResult } from '../commands/reset.js';
import { safeLine } from '../validation/sanitize.js';
import { labelled, plural, wrap } from './text.js';
import type { View } from './view.js';

export function renderNote(result: NoteResult, { style, width }: View): string {
  return `${wrap(`${style.green('✔')} Noted on "${result.stage.title}" (${plural(result.notes.length, 'note')}). \`backend-path next\` and \`backend-path status\` show them.`, width, 0, 2)}\n`;
}

export function renderLink(result: LinkResult, { style, width }: View): string {
  const head = result.added
    ? `${style.green('✔')} Linked to "${result.stage.title}"`
    : `${style.dim('•')} "${result.stage.title}" already has that link`;
  return `${wrap(`${head} (${plural(result.links.length, 'link')}); status, next and your exports show them.`, width, 0, 2)}\n`;
}

export function renderReset(result: ResetResult, { style, width }: View): string {
  if (!result.reset) return 'Nothing was reset.\n';
  if (!result.movedTo) return 'There was no plan to reset.\n';
  return `${wrap(`${style.green('✔')} Your plan and progress were moved to ${result.movedTo}`, width, 0, 2)}\n${wrap(`Run \`backend-path plan\` to start a new one; to undo the reset instead, move that file back to ${result.file}`, width)}\n`;
}

/**
 * The checklist: ✔ or ✖ per step, and for a failure what was sent, expected and received, and
 * the sentence naming the cause when the check can tell; then the run's own remarks.
 */
export function renderCheck(result: CheckResult, view: View): string {
  const { style, width } = view;
  const lines = [wrap(`Checking ${style.bold(result.stage)}: ${safeLine(result.looked.join('; '))}`, width, 0, 2), ''];
  for (const step of result.results) {
    const mark = step.ok
      ? style.green('✔')
      : step.unchecked
        ? style.dim('○')
        : step.ran
          ? step.nearMiss
            ? style.yellow('✖')
            : style.red('✖')
          : style.dim('–');
    lines.push(wrap(`${mark} ${step.name}`, width, 0, 2));
    if (step.ok) continue;
    if (!step.ran) {
      lines.push(wrap(style.dim(safeLine(step.got ?? 'not run')), width, 4));
      if (step.why) lines.push(wrap(style.yellow(safeLine(step.why)), width, 4, 4));
      continue;
    }
    // An HTTP step sent a request; the other kinds looked at a table, a file or a document.
    const row = (label: string, text: string) =>
      labelled(label, text, width, { indent: 4, paint: (text) => style.dim(text) });
    lines.push(row(step.kind === 'http' ? 'sent    ' : 'looked  ', safeLine(step.sent)));
    lines.push(row('expected', step.expected));
    lines.push(row('got     ', safeLine(step.got ?? 'nothing')));
    if (step.why) lines.push(wrap(style.yellow(safeLine(step.why)), width, 4, 4));
  }
  if (result.notes.length > 0)
    lines.push('', ...result.notes.map((note) => wrap(`${style.dim('•')} ${safeLine(note)}`, width, 0, 2)));
  lines.push('', wrap(summary(result, view), width));
  return `${lines.join('\n')}\n`;
}

/** The last line: how many checks passed, and what could not be looked at here. */
function summary(result: CheckResult, { style }: View): string {
  const counted = result.results.filter((r) => !r.unchecked);
  const passed = counted.filter((r) => r.ok).length;
  const notHere = result.results.length - counted.length;
  const aside =
    notHere === 0 ? '' : ` (${notHere === 1 ? 'one more was' : `${notHere} more were`} not checked here: see above)`;
  if (counted.length === 0)
    return style.yellow('Nothing could be checked here, and nothing was saved: see above for what the check needs.');
  const one = counted.length === 1;
  if (result.passed) {
    return style.green(
      `${one ? 'The one check passed' : `All ${counted.length} checks passed`}${aside}. Saved with today's date${result.done ? '.' : `; \`backend-path done ${result.stage}\` when you are ready.`}`,
    );
  }
  // Nothing failed outright: what is left could not run (no API answered, an earlier step failed).
  const unrun = counted.filter((r) => !r.ok);
  if (unrun.every((r) => !r.ran)) {
    const them =
      unrun.length === 1 ? 'it has what its "not run" line asks' : 'they have what their "not run" lines ask';
    return style.yellow(
      `${one ? 'The one check' : `${passed} of ${counted.length} checks passed, and ${unrun.length === 1 ? 'one' : unrun.length}`} could not run${aside}. Run \`${result.again}\` again once ${them} for.`,
    );
  }
  return style.yellow(
    `${one ? 'The one check failed' : `${passed} of ${counted.length} checks passed`}${aside}. Fix ${one ? 'it' : 'the first failing one'}${result.url ? ', restart your server' : ''} and run \`${result.again}\` again.`,
  );
}

export function renderNoteList(result: NoteListResult, view: View): string {
  if (result.notes.length === 0) return 'No notes. `backend-path note <stage> "text"` adds one.\n';
  const lines = result.notes.map((n) =>
    wrap(
      `${n.number}. ${view.style.dim(`${n.stage} · ${formatDay(n.item.date, view.today)}`)}  ${n.item.text}`,
      view.width,
      0,
      4,
    ),
  );
  return `${[...lines, wrap(view.style.dim('Remove one with `backend-path note remove <number>`.'), view.width)].join('\n')}\n`;
}

export function renderLinkList(result: LinkListResult, view: View): string {
  if (result.links.length === 0) return 'No links. `backend-path link <stage> <url>` adds one.\n';
  const lines = result.links.map((l) => `${l.number}. ${view.style.dim(l.stage)}  ${l.item}`);
  return `${[...lines, wrap(view.style.dim('Remove one with `backend-path link remove <number>`: it leaves status, next and every export.'), view.width)].join('\n')}\n`;
}

/** A note or a link taken out. */
export function renderRemoved(result: NoteRemoveResult | LinkRemoveResult, view: View): string {
  const [what, item] =
    'removed' in result && typeof result.removed.item === 'string'
      ? ['link', result.removed.item]
      : ['note', (result.removed.item as { text: string }).text];
  return `${wrap(`${view.style.green('✔')} Removed ${what} ${result.removed.number} from ${result.removed.stage}: ${item}`, view.width, 0, 2)}\n`;
}
