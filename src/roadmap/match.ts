import { distance } from 'fastest-levenshtein';
import { quoted, UsageError } from '../errors.js';
import type { Roadmap, Stage } from './types.js';

const LIST_HINT = 'Run `backend-path status` to list the stages with their ids and numbers.';

/**
 * Finds the stage a learner named: by id, by its 1-based number, or by a case-insensitive
 * prefix of its title that fits exactly one stage.
 */
export function matchStage(roadmap: Roadmap, name: string): Stage {
  const wanted = name.trim();
  const byId = roadmap.stages.find((stage) => stage.id === wanted);
  if (byId) return byId;
  if (/^\d+$/.test(wanted)) {
    const stage = roadmap.stages[Number(wanted) - 1];
    if (stage) return stage;
    throw new UsageError(
      `There is no stage ${quoted(wanted)}: stages are numbered 1 to ${roadmap.stages.length}.`,
      LIST_HINT,
    );
  }
  const lower = wanted.toLowerCase();
  const byTitle =
    lower === ''
      ? []
      : roadmap.stages.filter((stage) => stage.title.toLowerCase().startsWith(lower) || stage.id.startsWith(lower));
  if (byTitle.length === 1) return byTitle[0]!;
  if (byTitle.length > 1) {
    throw new UsageError(
      `${quoted(wanted)} fits more than one stage: ${byTitle.map((s) => s.id).join(', ')}. Name one of them.`,
      LIST_HINT,
    );
  }
  throw new UsageError(`Unknown stage ${quoted(wanted)}.${suggest(roadmap, lower.slice(0, 64))}`, LIST_HINT);
}

/** " Did you mean x?" for the nearest ids; the whole list when none is near enough to guess. */
function suggest(roadmap: Roadmap, name: string): string {
  const ids = roadmap.stages.map((stage) => stage.id);
  // A typo in a whole id, or in the first letters of one ("sqll" for "sql-postgres").
  const score = (id: string) =>
    Math.min(distance(name, id), name.length >= 3 ? distance(name, id.slice(0, name.length)) : Infinity);
  const near = ids
    .map((id) => ({ id, d: score(id) }))
    .filter(({ id, d }) => d <= Math.max(1, Math.floor(Math.min(id.length, name.length) / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ id }) => id);
  if (near.length === 0) return ` Stage ids are: ${ids.join(', ')}.`;
  return ` Did you mean ${near.map((id) => `"${id}"`).join(' or ')}?`;
}

/** A track the learner named: one the roadmap has. */
export function checkTrack(roadmap: Roadmap, track: string): string {
  if (roadmap.tracks.has(track)) return track;
  const known = [...roadmap.tracks].map(([id, t]) => `${id} (${t.title})`).join(', ');
  throw new UsageError(`Unknown track ${quoted(track)}. The ${roadmap.id} roadmap has: ${known}.`);
}
