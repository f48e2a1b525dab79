import type { StageRef } from '../coach/types.js';
import { matchStage } from '../roadmap/match.js';
import type { SavedData } from '../store/schema.js';
import { changeLearner, loadLearner, type CommandContext } from './context.js';
import { listed, without, type Numbered } from './note.js';

export interface LinkResult {
  stage: StageRef;
  links: string[];
  added: boolean;
}

/** Keeps a link to what proves a stage (a repository, a live URL); `status`, `next` and exports show it. */
export async function linkCommand(name: string, url: string, context: CommandContext): Promise<LinkResult> {
  return changeLearner(
    context,
    (learner, data) => {
      const stage = matchStage(learner.roadmap, name);
      const links = withLink(data.links, stage.id, url);
      const result = {
        stage: { id: stage.id, title: stage.title },
        links: links[stage.id] ?? [],
        added: links !== data.links,
      };
      return result.added ? { data: { ...data, links }, result } : { result };
    },
    { totals: true },
  );
}

/** The links with `url` added to the stage's, or the same object when it is there already. */
export function withLink(links: SavedData['links'], id: string, url: string): SavedData['links'] {
  const existing = links[id] ?? [];
  // Without a prototype, like the store's own maps: a stage may be called `constructor`.
  return existing.includes(url) ? links : Object.assign(Object.create(null), links, { [id]: [...existing, url] });
}

export interface LinkListResult {
  links: Numbered<string>[];
}

/** Every link, numbered, optionally for one stage (numbers stay those of the whole list). */
export async function linkListCommand(name: string | undefined, context: CommandContext): Promise<LinkListResult> {
  const { learner, data } = await loadLearner(context);
  return { links: listed(data.links, learner.roadmap, name) };
}

export interface LinkRemoveResult {
  removed: Numbered<string>;
}

/** Removes one link by its number in `link list`: it leaves status, next and every export. */
export function linkRemoveCommand(number: number, context: CommandContext): Promise<LinkRemoveResult> {
  return changeLearner(
    context,
    (learner, data) => {
      const { kept, removed } = without(data.links, learner.roadmap, number, 'link', 'backend-path link list');
      return { data: { ...data, links: kept }, result: { removed } };
    },
    { totals: true },
  );
}
