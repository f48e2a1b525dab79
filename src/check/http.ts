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

/** What came back: the status, where a redirect points, and the body as text (cut at the size limit). */
export interface Answer {
  status: number;
  location: string | null;
  text: string;
  /** Where the answer came from, when a redirect by a trailing slash moved the request there. */
  url?: string;
  /** False when the body was longer than the limit and was cut. */
  whole?: boolean;
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
  [/^(UND_ERR_SOCKET|EARLY_CLOSE)$/, 'closed', 'the server closed the connection before its answer was complete'],
  [
    /^(UND_ERR_HEADERS_OVERFLOW|HPE_HEADER_OVERFLOW)$/,
    'huge-headers',
    "the answer's headers are larger than the 16 KB a client accepts (a huge cookie?)",
  ],
  [/^HPE_/, 'malformed', 'the server answered with something that is not valid HTTP'],
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

/** Turns whatever the request failed with into a TransportError whose message names the cause in words. */
function describeFailure(error: unknown, timeoutMs: number): TransportError {
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return new TransportError('timeout', `no answer within ${timeoutMs / 1000} seconds`);
  const code = err.code ?? err.cause?.code ?? '';
  // node:http says ECONNRESET for a connection the server closed cleanly before or during its
  // answer ("socket hang up", "aborted") as for one it reset: only the message tells them apart.
  if (code === 'ECONNRESET' && /^(socket hang up|aborted)$/.test(err.message ?? ''))
    return new TransportError('closed', 'the server closed the connection before its answer was complete');
  for (const [pattern, fault, words] of FAULTS) if (pattern.test(code)) return new TransportError(fault, words);
  return new TransportError(
    'other',
    `the request failed (${code || err.cause?.message || err.message || 'no reason given'})`,
  );
}

/**
 * Sends one request without following redirects; throws a TransportError when no full answer
 * came. It uses node:http and node:https rather than fetch: fetch loads undici and compiles its
 * WebAssembly parser on first use, a quarter of a second of every check's start on these
 * machines, while the learner's server answers in milliseconds.
 */
export async function send(outgoing: Outgoing, timeoutMs: number, maxBytes = MAX_BODY_BYTES): Promise<Answer> {
  const { request } = outgoing.url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const body = outgoing.body === undefined ? undefined : String(outgoing.body);
  const headers: Record<string, string | number> = { ...outgoing.headers };
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  return new Promise<Answer>((resolve, reject) => {
    const fail = (error: unknown) => reject(describeFailure(error, timeoutMs));
    const sent = request(outgoing.url, { method: outgoing.method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
        else response.destroy();
      });
      const answer = () => {
        clearTimeout(timer);
        const location = response.headers.location;
        resolve({
          status: response.statusCode ?? 0,
          location: location ?? null,
          text: Buffer.concat(chunks).toString('utf8'),
          whole: size <= maxBytes,
        });
      };
      response.on('end', answer);
      // A body cut at the size limit is an answer; one the server cut short is not.
      response.on('close', () => (size > maxBytes ? answer() : !response.complete && fail(closedEarly())));
      response.on('error', fail);
    });
    const timer = setTimeout(
      () => sent.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
      timeoutMs,
    );
    sent.on('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    sent.end(body);
  });
}

/** The error for an answer whose connection closed before the body was complete. */
function closedEarly(): Error {
  return Object.assign(new Error('terminated'), { code: 'EARLY_CLOSE' });
}
