import type { DatabaseDemand } from '../../roadmap/evidence.js';
import type { EvidenceStep } from '../step.js';
import type { DatabaseFacts, DatabaseProbe } from './facts.js';
import { judgePasswordHashed, judgeTodoStored } from './judge-rows.js';
import { judgeSchema } from './judge-schema.js';

/** The database steps a stage asks for, in the order a reviewer would look. */
export function judgeDatabase(
  facts: DatabaseFacts,
  probe: DatabaseProbe,
  demands: readonly DatabaseDemand[],
): EvidenceStep[] {
  const steps: EvidenceStep[] = [];
  if (demands.includes('schema')) steps.push(...judgeSchema(facts));
  if (demands.includes('todo-stored')) steps.push(judgeTodoStored(facts, probe));
  if (demands.includes('password-hashed')) steps.push(judgePasswordHashed(facts, probe));
  return steps;
}
