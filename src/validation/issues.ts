import type * as v from 'valibot';

/** One problem in a document: the field path (e.g. `stages[2].hours`) and what is wrong with it. */
export interface Problem {
  path: (string | number)[];
  message: string;
  /** Set when the problem is an unknown field: the position is the key's, not its value's. */
  key?: string;
}

type Issue = v.BaseIssue<unknown>;

/**
 * valibot's issues as problems: the one mapping used for roadmap files and the progress file
 * alike. Schemas carry their own sentences ("must be a positive number"); the only ones made
 * here are for a missing field and an unknown one.
 */
export function toProblems(issues: readonly Issue[]): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = (issue.path ?? []).map((item) => item.key as string | number);
    const last = issue.path?.at(-1);
    const atKey = last !== undefined && 'origin' in last && last.origin === 'key';
    // An object's own issue, or one that a list or map of ours passed on (validation/keyed.ts).
    const objectIssue =
      (issue.kind === 'schema' && (issue.type === 'strict_object' || issue.type === 'object')) ||
      (issue.type === 'raw_transform' && atKey);
    if (objectIssue && issue.expected === 'never')
      return [{ path, key: String(last?.key), message: 'is not a known field' }];
    if (objectIssue && atKey && issue.received === 'undefined') return [{ path, message: 'is required' }];
    if (atKey) return [{ path, key: String(last.key), message: issue.message }];
    if (issue.type === 'union' && issue.issues && issue.message.startsWith('Invalid')) return toProblems(issue.issues);
    return [{ path, message: issue.message }];
  });
}

/** `stages[2].hours`, `tracks.node.title`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

export function describeProblem(problem: Problem): string {
  return problem.path.length > 0 ? `${formatPath(problem.path)} ${problem.message}` : problem.message;
}
