import { loadLearner, noPlan, type CommandContext } from '../context.js';
import { matchStage } from '../roadmap/match.js';

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
    const existing = current.links[stage.id] ?? [];
    const brief = { id: stage.id, title: stage.title };
    if (existing.includes(url)) return { result: { stage: brief, links: existing, added: false } };
    const links = [...existing, url];
    return { data: { ...current, links: { ...current.links, [stage.id]: links } }, result: { stage: brief, links, added: true } };
  });
}
