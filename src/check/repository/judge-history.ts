import { judged, type EvidenceStep, type StepFrame } from '../step.js';
import type { CommitFacts, RepositoryFacts } from './facts.js';

/** Work spread over this many different days reads as steady work, not one night's dump. */
const MIN_DAYS = 3;
/** The biggest commit may hold at most this share of the lines added. */
const MAX_SHARE = 0.7;

const short = (commit: CommitFacts) =>
  `${commit.hash.slice(0, 7)} ${JSON.stringify(commit.subject.length > 50 ? `${commit.subject.slice(0, 50)}…` : commit.subject)}`;

function frame(facts: RepositoryFacts, name: string, expected: string): StepFrame {
  const count = facts.moreCommits
    ? `its newest ${facts.commits.length} commits`
    : `${facts.commits.length} ${facts.commits.length === 1 ? 'commit' : 'commits'}`;
  return { kind: 'repository', name, sent: `the history of ${facts.root} (${count})`, expected };
}

function daysStep(facts: RepositoryFacts): EvidenceStep {
  const days = [...new Set(facts.commits.map((c) => c.date.slice(0, 10)))].sort();
  const got =
    days.length === 1
      ? `all ${facts.commits.length === 1 ? 'of it in one commit' : `${facts.commits.length} commits`} on one day, ${days[0]}`
      : `${facts.commits.length} commits on ${days.length} days, ${days[0]} to ${days.at(-1)}`;
  const f = frame(facts, 'the work is committed on several days', `commits on at least ${MIN_DAYS} different days`);
  return judged(
    f,
    days.length >= MIN_DAYS,
    got,
    'Commit each working session: a history built over days shows how you work.',
  );
}

function messagesStep(facts: RepositoryFacts): EvidenceStep {
  const oneWord = facts.commits.filter((c) => c.subject.trim().split(/\s+/).filter(Boolean).length < 2);
  const named = [...new Set(oneWord.map((c) => JSON.stringify(c.subject.trim())))].slice(0, 4).join(', ');
  const got =
    oneWord.length === 0
      ? `all ${facts.commits.length} say more than one word`
      : `${oneWord.length} of ${facts.commits.length} are one word or none: ${named}`;
  const f = frame(
    facts,
    'commit messages say what changed',
    'messages longer than one word (one in ten may be shorter)',
  );
  return judged(
    f,
    oneWord.length <= Math.floor(facts.commits.length / 10),
    got,
    'Say what the commit changes, as in "Validate the todo title".',
  );
}

function sizeStep(facts: RepositoryFacts): EvidenceStep {
  const total = facts.commits.reduce((sum, c) => sum + c.linesAdded, 0);
  const biggest = facts.commits.reduce((max, c) => (c.linesAdded > max.linesAdded ? c : max), facts.commits[0]!);
  const share = total === 0 ? 0 : biggest.linesAdded / total;
  const ok = facts.commits.length > 1 && share <= MAX_SHARE;
  const got =
    facts.commits.length === 1
      ? `one commit, ${short(biggest)}, holds everything`
      : `${ok ? 'the biggest, ' : ''}${short(biggest)}${ok ? ',' : ''} holds ${Math.round(share * 100)}% of the ${total} lines added`;
  const f = frame(
    facts,
    'no single commit holds most of the work',
    `the biggest commit holds at most ${MAX_SHARE * 100}% of the lines added (lock files not counted)`,
  );
  return judged(f, ok, got, 'Commit as you go, one change at a time.');
}

/** Several days, real messages, no single commit holding the whole project. */
export function judgeHistory(facts: RepositoryFacts): EvidenceStep[] {
  return [daysStep(facts), messagesStep(facts), sizeStep(facts)];
}
