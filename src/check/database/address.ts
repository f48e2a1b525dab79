import { isLocalHost } from '../address.js';
import { quoted, UsageError } from '../../errors.js';

/** The flag that lets the check read a database on another machine. */
export const REMOTE_DATABASE_FLAG = '--remote-db';

/**
 * The learner's `--db`: a postgres:// or postgresql:// URL. A database elsewhere than this machine
 * or its local network is refused unless the learner says they mean it: the check reads tables
 * there, and a production database is no place for a learning tool to look by accident.
 */
export function parseDatabaseUrl(text: string, options: { allowRemote: boolean }): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UsageError(
      `--db must be a PostgreSQL URL such as postgres://user:password@localhost:5432/todos; got ${quoted(redact(text))}.`,
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    // `localhost:5433/todos` parses as a URL whose scheme is "localhost": name what was typed.
    throw new UsageError(
      `--db must be a PostgreSQL URL starting postgres:// or postgresql://, such as postgres://user:password@localhost:5432/todos; got ${quoted(redact(text))}.`,
    );
  }
  if (!options.allowRemote && !isLocalDatabase(url)) {
    throw new UsageError(
      `${describeDatabase(url)} is not on this machine or its local network, so the check will not read it.`,
      `If it is your own learning database, add ${REMOTE_DATABASE_FLAG} to say you mean it.`,
    );
  }
  return url;
}

/** A unix socket (no host, or a host that is a folder) or a local address. */
function isLocalDatabase(url: URL): boolean {
  const socket = url.searchParams.get('host');
  if (socket !== null) return socket.startsWith('/') || isLocalHost(socket);
  const host = decodeURIComponent(url.hostname);
  return host === '' || host.startsWith('/') || isLocalHost(host);
}

/** The URL as it can be shown: no password, no query. */
export function describeDatabase(url: URL): string {
  const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
  return `${url.protocol}//${user}${url.host}${url.pathname}`;
}

/** A typed value with anything after `:` and before `@` hidden, for the one message that quotes it. */
function redact(text: string): string {
  // With a scheme (postgres://user:secret@host) or without one (user:secret@host).
  return text.replace(/^((?:[a-z][a-z0-9+.-]*:)?(?:\/\/)?[^:/@]*:)[^@]*@/i, '$1***@');
}
