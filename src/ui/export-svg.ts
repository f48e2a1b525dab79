import type { ExportData } from '../commands/export.js';
import { formatDayWithYear, type IsoDate } from '../plan/dates.js';
import { verdictLabel } from './verdict.js';
import { plural } from './text.js';

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// By code points, so an emoji is never cut in half (which would not be valid XML).
const clip = (text: string, max: number) => {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
};

const WIDTH = 495;
const HEIGHT = 170;
/** Room for one more line when the card names a passing check. */
const CHECK_LINE = 22;

/** The stage whose check passed last, for the card: a later failing run shows in `status`, not here. */
function latestPass(data: ExportData): string | null {
  let best: { title: string; date: IsoDate; total: number } | null = null;
  for (const row of data.details) {
    const pass = row.check?.lastPass;
    if (pass && (!best || pass.date >= best.date)) best = { title: row.title, date: pass.date, total: pass.total };
  }
  return best && `Checked ${formatDayWithYear(best.date)}: ${best.title}, ${best.total} of ${best.total}`;
}

/**
 * A small, self-contained progress card in the style of GitHub README cards: roadmap, track,
 * percent, stages done, verdict and the stage in progress. It draws its own background and
 * switches colours with the viewer's light or dark scheme; no scripts, fonts or images.
 */
export function renderCard(data: ExportData): string {
  const { document: doc, standing, current } = data;
  const checked = latestPass(data);
  const height = HEIGHT + (checked ? CHECK_LINE : 0);
  const progress = standing.progress;
  // The card says "Finished" only when every required stage is done; a skipped one shows as a gap.
  const label = progress.verdict === 'incomplete' ? `${progress.gaps.length} required skipped` : verdictLabel(progress);
  const verdict = `${label[0]!.toUpperCase()}${label.slice(1)}`;
  const barWidth = WIDTH - 50;
  const filled = Math.round((barWidth * Math.min(100, Math.max(0, progress.percent))) / 100);
  const now = current
    ? `Now: ${current.number}. ${current.title}`
    : progress.gaps.length > 0
      ? `Gap: ${progress.gaps.map((g) => g.title).join(', ')}`
      : 'Every stage is done';
  const text = (x: number, y: number, cls: string, content: string) =>
    `  <text x="${x}" y="${y}" class="${cls}">${escapeXml(content)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="title">`,
    `  <title id="title">${escapeXml(`backend-path: ${progress.percent}% of ${doc.roadmap.title}, ${verdict}`)}</title>`,
    '  <style>',
    '    .bg { fill: #ffffff; stroke: #d0d7de; } .head { fill: #1f6feb; font: 600 18px "Segoe UI", Ubuntu, Helvetica, Arial, sans-serif; }',
    '    .big { fill: #1f2328; font: 700 34px "Segoe UI", Ubuntu, Helvetica, Arial, sans-serif; } .text { fill: #1f2328; font: 400 14px "Segoe UI", Ubuntu, Helvetica, Arial, sans-serif; }',
    '    .dim { fill: #59636e; font: 400 13px "Segoe UI", Ubuntu, Helvetica, Arial, sans-serif; } .track { fill: #d0d7de; } .done { fill: #1a7f37; }',
    '    @media (prefers-color-scheme: dark) { .bg { fill: #0d1117; stroke: #30363d; } .head { fill: #58a6ff; } .big, .text { fill: #e6edf3; } .dim { fill: #9198a1; } .track { fill: #30363d; } .done { fill: #3fb950; } }',
    '  </style>',
    `  <rect class="bg" x="0.5" y="0.5" width="${WIDTH - 1}" height="${height - 1}" rx="6"/>`,
    text(25, 34, 'head', clip(doc.roadmap.title, 48)),
    text(25, 56, 'dim', clip(`${doc.trackTitle} · ${doc.hoursPerWeek} h a week`, 60)),
    text(25, 100, 'big', `${progress.percent}%`),
    text(
      130,
      86,
      'text',
      `${progress.done} of ${progress.total} stages done${progress.gaps.length > 0 ? `, ${plural(progress.gaps.length, 'gap')}` : ''}`,
    ),
    text(130, 106, 'text', verdict),
    `  <rect class="track" x="25" y="120" width="${barWidth}" height="8" rx="4"/>`,
    filled > 0 ? `  <rect class="done" x="25" y="120" width="${filled}" height="8" rx="4"/>` : '',
    text(25, 152, 'dim', clip(now, 64)),
    checked ? text(25, 152 + CHECK_LINE, 'dim', clip(checked, 64)) : '',
    '</svg>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}
