import type { RenderOptions } from './render-plan.js';

export function renderSaved(result: { saved: boolean; replaced: boolean; file: string }, { style }: RenderOptions): string {
  if (!result.saved) return `\n${style.yellow('Kept your current plan;')} nothing was changed.\n`;
  const verb = result.replaced ? 'Replaced your plan' : 'Saved your plan';
  return `\n${style.green('✔')} ${verb} in ${result.file}\n${style.dim('Next: run `backend-path next` to see what to study first.')}\n`;
}
