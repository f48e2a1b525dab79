import { EvidenceUnavailable } from '../step.js';
import { describeDatabase } from './address.js';

/** SQLSTATE codes PostgreSQL answers a refused connection with, in words. */
const SERVER_REFUSALS: Readonly<Record<string, (url: URL, user: string, database: string) => [string, string]>> = {
  '28P01': (url, user) => [
    `PostgreSQL at ${url.host || 'the local socket'} refused the password for the user ${user}.`,
    'Check the password in --db (the one your API uses in DATABASE_URL).',
  ],
  '28000': (url, user) => [
    `PostgreSQL at ${url.host || 'the local socket'} does not let the user ${user} log in.`,
    'Check the user name in --db, and that pg_hba.conf allows it.',
  ],
  '3D000': (url, _user, database) => [
    `There is no database named ${database} on ${url.host || 'the local socket'}.`,
    'Check the name at the end of --db (psql -l lists them).',
  ],
  '57P03': (url) => [
    `PostgreSQL at ${url.host || 'the local socket'} is starting up or shutting down.`,
    'Wait a moment, then run the check again.',
  ],
  '53300': (url) => [
    `PostgreSQL at ${url.host || 'the local socket'} has no free connections.`,
    'Close some connections (or restart your API), then run the check again.',
  ],
};

const NETWORK_FAILURES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ENOENT: 'there is no PostgreSQL socket there',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be looked up',
  ECONNRESET: 'the server closed the connection',
  EHOSTUNREACH: 'the host cannot be reached',
  ETIMEDOUT: 'the connection timed out',
};

/** Why a connection failed, as the one sentence (and hint) the learner sees. */
export function connectionFailure(error: unknown, url: URL, timeoutMs: number): EvidenceUnavailable {
  const err = error as { code?: string; message?: string };
  const where = describeDatabase(url);
  const user = decodeURIComponent(url.username) || 'your login user';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'of your user';
  const refusal = err.code ? SERVER_REFUSALS[err.code] : undefined;
  if (refusal) return new EvidenceUnavailable(...refusal(url, user, database));
  if (err.code && NETWORK_FAILURES[err.code]) {
    return new EvidenceUnavailable(
      `Could not connect to ${where}: ${NETWORK_FAILURES[err.code]}. Is PostgreSQL running there?`,
      'Start it (or fix --db), then run the check again.',
    );
  }
  if (/timeout/i.test(err.message ?? '')) {
    return new EvidenceUnavailable(
      `${where} did not answer within ${timeoutMs / 1000} seconds.`,
      'Check the host and port in --db, and that a firewall lets the connection through.',
    );
  }
  if (/password must be a string|no password/i.test(err.message ?? '')) {
    return new EvidenceUnavailable(
      `PostgreSQL at ${url.host || 'the local socket'} asks for a password, and --db has none.`,
      'Write it into the URL: postgres://user:password@host:5432/database.',
    );
  }
  return new EvidenceUnavailable(`Could not connect to ${where}: ${err.message ?? String(error)}.`);
}
