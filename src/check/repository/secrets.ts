/**
 * What must never be in a repository's history. A short list of well-known token shapes, each
 * with a fixed prefix so a match is almost never chance, written in the regular-expression
 * subset that both git's pickaxe (POSIX extended) and JavaScript read the same way.
 */
const SECRET_PATTERNS: readonly (readonly [string, string])[] = [
  ['an AWS access key', '(AKIA|ASIA)[0-9A-Z]{16}'],
  ['a GitHub token', 'gh[pousr]_[A-Za-z0-9]{36}'],
  ['a GitHub token', 'github_pat_[A-Za-z0-9_]{82}'],
  ['a Slack token', 'xox[abprs]-[A-Za-z0-9-]{10,}'],
  ['a Stripe live key', '[rs]k_live_[A-Za-z0-9]{20,}'],
  ['a Google API key', 'AIza[0-9A-Za-z_-]{35}'],
  ['an npm token', 'npm_[A-Za-z0-9]{36}'],
  ['an OpenAI key', 'sk-[A-Za-z0-9_-]*T3BlbkFJ[A-Za-z0-9_-]+'],
  ['a private key', '-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----'],
];

/** One alternation of every pattern, for a single pass of git over the history. */
export const ANY_SECRET = SECRET_PATTERNS.map(([, pattern]) => `(${pattern})`).join('|');

/** Documentation's own example values (AWS's AKIAIOSFODNN7EXAMPLE and the like) are not secrets. */
const PLACEHOLDER = /EXAMPLE|XXXXXXXX|0{16}/;

/** The kind of secret a line holds, if any. */
export function secretIn(line: string): string | undefined {
  for (const [kind, pattern] of SECRET_PATTERNS) {
    const match = new RegExp(pattern).exec(line);
    if (match && !PLACEHOLDER.test(match[0])) return kind;
  }
  return undefined;
}

/**
 * What a file holds by its name alone: a dotenv file (its examples and templates are meant to be
 * committed) or an SSH private key; undefined for anything else.
 */
export function secretFileKind(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/^\.env(\..+)?$/.test(name) && !/\.(example|sample|template|dist|defaults?)$/i.test(name)) return 'a .env file';
  if (/^id_(rsa|dsa|ecdsa|ed25519)$/.test(name)) return 'a private key file';
  return undefined;
}
