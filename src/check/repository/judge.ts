import type { RepositoryDemand } from '../../roadmap/evidence.js';
import type { EvidenceStep } from '../step.js';
import type { RepositoryFacts } from './facts.js';
import { judgeGitignore, judgeNoSecrets, judgeReadme } from './judge-files.js';
import { judgeHistory } from './judge-history.js';
import { judgeLiveUrl, judgeTestCommand, judgeTestFiles, judgeWorkflow } from './judge-tests.js';

export interface RepositoryContext {
  /** The learner's track (`node`, `python`, …), which says what the dependency folder is. */
  track: string | null;
  /** The public address the deploy check last passed with, when there is one. */
  deployed?: string;
}

/** The repository steps a stage asks for, in the order a reviewer opening the repository would look. */
export function judgeRepository(
  facts: RepositoryFacts,
  demands: readonly RepositoryDemand[],
  context: RepositoryContext,
): EvidenceStep[] {
  const steps: EvidenceStep[] = [];
  if (demands.includes('history')) steps.push(...judgeHistory(facts));
  if (demands.includes('gitignore')) steps.push(judgeGitignore(facts, context.track));
  if (demands.includes('no-secrets')) steps.push(judgeNoSecrets(facts));
  if (demands.includes('readme')) steps.push(judgeReadme(facts));
  if (demands.includes('tests')) steps.push(judgeTestCommand(facts, context.track), judgeTestFiles(facts));
  if (demands.includes('ci')) steps.push(judgeWorkflow(facts));
  if (demands.includes('live-url')) steps.push(judgeLiveUrl(facts, context.deployed));
  return steps;
}
