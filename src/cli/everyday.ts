import type { CommandContext } from '../commands/context.js';
import type { StatusLine, StatusResult } from '../commands/status.js';
import type { Renderer } from './action.js';
import { command as cmd, view as ui } from './lazy.js';

/** `status` and `status --short`: one task, two renderers; the prompt line's loads nothing else. */
export const statusTask = (short: boolean | undefined) => (c: CommandContext) =>
  cmd.status().then((m): Promise<StatusResult | StatusLine> => (short ? m.statusLineCommand(c) : m.statusCommand(c)));

export const statusRenderer = async (result: StatusResult | StatusLine): Promise<Renderer<StatusResult | StatusLine>> =>
  ('stages' in result ? (await ui.status()).renderStatus : (await ui.short()).renderStatusLine) as Renderer<
    StatusResult | StatusLine
  >;
