/** What the repository check reads from a learner's git repository: plain data, judged elsewhere. */

export interface CommitFacts {
  hash: string;
  /** The author date in ISO 8601 with the author's own offset, so the day is the author's day. */
  date: string;
  subject: string;
  /** Lines added, lock files and other generated files left out (see GENERATED in read.ts). */
  linesAdded: number;
}

export interface SecretFinding {
  commit: string;
  path: string;
  /** What was found: "a .env file", "an AWS access key", … */
  kind: string;
}

export interface RepositoryFacts {
  /** The repository's top folder. */
  root: string;
  /** The newest commits of the current branch, merges left out, at most MAX_COMMITS. */
  commits: CommitFacts[];
  /** True when the branch has more commits than were read. */
  moreCommits: boolean;
  /** Every file path at HEAD (at most MAX_FILES). */
  files: string[];
  /** Contents at HEAD of the files the judges read (.gitignore, README, manifests, CI workflows). */
  text: Map<string, string>;
  /** Secret files added and secret-shaped lines added in any commit of any branch that was scanned. */
  secrets: SecretFinding[];
  /** How many commits of all branches the secret scan covered, and whether there were more. */
  scanned: { commits: number; more: boolean };
}
