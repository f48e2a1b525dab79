/**
 * One HTTP exchange with the learner's server, and what went wrong in words when there was none.
 * Everything else in src/check works on the plain `Answer` this returns.
 */

const MAX_BODY_BYTES = 256 * 1024;

export interface Outgoing {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | URLSearchParams;
}

/** What came back: the status, where a redirect points, and the body as text (cut at 256 KiB). */
export interface Answer {
  status: number;
  location: string | null;
  text: string;
}

/** Why no complete answer came back, by what the learner can do about it. */
export type Fault =
  | 'refused'
  | 'no-host'
  | 'timeout'
  | 'reset'
  | 'closed'
  | 'malformed'
  | 'huge-headers'
  | 'self-signed'
  | 'wrong-name'
  | 'untrusted'
  | 'expired'
  | 'not-https'
  | 'bad-port'
  | 'other';

export class TransportError extends Error {
  constructor(
    readonly fault: Fault,
    /** A clause saying what happened, to follow "METHOD url: ". */
    message: string,
  ) {
    super(message);
  }
}

const FAULTS: [RegExp, Fault, string][] = [
  [/^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)$/, 'refused', 'nothing accepted the connection'],
  [/^ENOTFOUND$/, 'no-host', 'the host name was not found'],
  [/^EAI_AGAIN$/, 'no-host', 'the host name could not be looked up (is this machine online?)'],
  [/^(ECONNRESET|EPIPE)$/, 'reset', 'the server reset the connection while answering: it crashed or was stopped'],
  [/^UND_ERR_SOCKET$/, 'closed', 'the server closed the connection before its answer was complete'],
  [/^HPE_/, 'malformed', 'the server answered with something that is not valid HTTP'],
  [
    /^UND_ERR_HEADERS_OVERFLOW$/,
    'huge-headers',
    "the answer's headers are larger than the 16 KB a client accepts (a huge cookie?)",
  ],
  [
    /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/,
    'self-signed',
    'its https certificate is self-signed, so no client trusts it',
  ],
  [/^ERR_TLS_CERT_ALTNAME_INVALID$/, 'wrong-name', 'its https certificate is made out to another host name'],
  [
    /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_SIGNATURE_FAILURE)$/,
    'untrusted',
    'its https certificate is not signed by an authority this machine trusts',
  ],
  [/^(CERT_HAS_EXPIRED|CERT_NOT_YET_VALID)$/, 'expired', 'its https certificate has expired or is not valid yet'],
  [
    /^(ERR_SSL_WRONG_VERSION_NUMBER|ERR_SSL_PACKET_LENGTH_TOO_LONG|EPROTO)$/,
    'not-https',
    'it does not speak https on that port (is it plain http?)',
  ],
];

/** Turns whatever fetch threw into a TransportError whose message names the cause in words. */
export function describeFailure(error: unknown, timeoutMs: number): TransportError {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return new TransportError('timeout', `no answer within ${timeoutMs / 1000} seconds`);
  const code = err.cause?.code ?? '';
  for (const [pattern, fault, words] of FAULTS) if (pattern.test(code)) return new TransportError(fault, words);
  // fetch refuses some ports outright and says so only in its message.
  if (/bad port/i.test(err.cause?.message ?? ''))
    return new TransportError('bad-port', 'fetch refuses to use that port');
  if (err.message === 'terminated')
    return new TransportError('closed', 'the server closed the connection before its answer was complete');
  return new TransportError(
    'other',
    `the request failed (${code || err.cause?.message || err.message || 'no reason given'})`,
  );
}

async function readBody(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends one request without following redirects; throws a TransportError when no full answer came. */
export async function send(outgoing: Outgoing, timeoutMs: number): Promise<Answer> {
  try {
    const response = await fetch(outgoing.url, {
      method: outgoing.method,
      headers: outgoing.headers,
      body: outgoing.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await readBody(response);
    return { status: response.status, location: response.headers.get('location'), text };
  } catch (error) {
    throw describeFailure(error, timeoutMs);
  }
}
