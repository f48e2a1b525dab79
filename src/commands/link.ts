import { loadLearner, noPlan, type CommandContext } from './context.js';
import { matchStage } from '../roadmap/match.js';
import type { SavedData } from '../store/schema.js';

export interface LinkResult {
  stage: { id: string; title: string };
  links: string[];
  added: boolean;
}

/** Keeps a link to what proves a stage (a repository, a live URL); `status`, `next` and exports show it. */
export async function linkCommand(name: string, url: string, context: CommandContext): Promise<LinkResult> {
  const { learner } = await loadLearner(context);
  const stage = matchStage(learner.roadmap, name);
  return context.store.update<LinkResult>((current) => {
    if (!current) throw noPlan();
    const links = withLink(current.links, stage.id, url);
    const result = {
      stage: { id: stage.id, title: stage.title },
      links: links[stage.id] ?? [],
      added: links !== current.links,
    };
    return result.added ? { data: { ...current, links }, result } : { result };
  });
}

/** The links with `url` added to the stage's, or the same object when it is there already. */
export function withLink(links: SavedData['links'], id: string, url: string): SavedData['links'] {
  const existing = links[id] ?? [];
  // Without a prototype, like the store's own maps: a stage may be called `constructor`.
  return existing.includes(url) ? links : Object.assign(Object.create(null), links, { [id]: [...existing, url] });
}
