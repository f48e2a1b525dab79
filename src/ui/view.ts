import type { Style } from './style.js';

/**
 * How to render: the colours allowed, the width to lay text out in, today (dates show the year
 * when it differs) and, on a terminal, how to make a title a link.
 */
export interface View {
  style: Style;
  width: number;
  /** The width a table may take (up to TABLE_WIDTH on a wide terminal); `width` when not given. */
  tableWidth?: number;
  today: string;
  /** terminal-link, on a terminal; without one, links are printed as text. */
  link?: (text: string, url: string, options: { fallback: (text: string, url: string) => string }) => string;
}
