import type { ChalkInstance } from 'chalk';

/** How to render: the colours allowed, the width to lay text out in, and today (dates show the year when it differs). */
export interface View {
  style: ChalkInstance;
  width: number;
  today: string;
}
