import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './store.js';

/**
 * Servers that answer the way real ones go wrong, each of which `check` must name: a bad
 * certificate, the wrong scheme, a crash on one request, a malformed or oversized answer, an
 * early close and a host that sleeps until its first request.
 */
export interface HostileServer {
  url: string;
  close: () => Promise<void>;
}

async function listening(server: Server, scheme: 'http' | 'https', host = '127.0.0.1'): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://${host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A raw TCP server that writes `answer` to every connection once the request's head is in. */
function rawServer(answer: (socket: Socket) => void): Promise<HostileServer> {
  const server = createNetServer((socket) => {
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n')) answer(socket);
    });
    socket.on('error', () => {});
  });
  return listening(server, 'http');
}

/** Answers with bytes that are not HTTP at all. */
export const malformedServer = () =>
  rawServer((socket) => socket.end('HELLO FROM A SERVER THAT DOES NOT SPEAK HTTP\r\n\r\n'));

/** Answers 200 with a 20 KB cookie, more header than fetch accepts. */
export const hugeHeaderServer = () =>
  rawServer((socket) =>
    socket.end(`HTTP/1.1 200 OK\r\nSet-Cookie: session=${'x'.repeat(20 * 1024)}\r\nContent-Length: 2\r\n\r\n{}`),
  );

/** Closes the connection before answering, or (`midBody`) after the head and half the promised body. */
export const earlyCloseServer = (midBody = false) =>
  rawServer((socket) =>
    midBody
      ? socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id": 1, "ti')
      : socket.end(),
  );

/** An API that answers each request with what `route` gives for its method and path, as JSON. */
export async function answering(route: (method: string, path: string) => [number, unknown]): Promise<HostileServer> {
  const server = createHttpServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const [status, body] = route(request.method ?? '', request.url ?? '');
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  return listening(server, 'http');
}

/** A plain http server, to be called with an https:// URL. */
export async function plainHttpServer(): Promise<HostileServer> {
  const server = createHttpServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
  );
  const running = await listening(server, 'http');
  return { ...running, url: running.url.replace(/^http:/, 'https:') };
}

/**
 * Forwards every request to `upstream` (a working API), but resets the connection of any request
 * whose `METHOD /path` matches `resetOn`, as a server that crashes on it does, and holds the first
 * answer back `firstDelayMs`, as a free host waking up does.
 */
export async function forwardingServer(
  upstream: string,
  options: { resetOn?: RegExp; firstDelayMs?: number },
): Promise<HostileServer> {
  let first = true;
  const forward = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (options.resetOn?.test(`${request.method} ${request.url}`)) {
      request.socket.resetAndDestroy();
      return;
    }
    if (first && options.firstDelayMs) await new Promise((resolve) => setTimeout(resolve, options.firstDelayMs));
    first = false;
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
    ) as Record<string, string>;
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const answer = await fetch(`${upstream}${request.url}`, {
      method: request.method,
      headers,
      body,
      redirect: 'manual',
    });
    const payload = Buffer.from(await answer.arrayBuffer());
    response.writeHead(
      answer.status,
      Object.fromEntries(
        [...answer.headers].filter(
          ([name]) => !['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name),
        ),
      ),
    );
    response.end(payload);
  };
  return listening(
    createHttpServer((request, response) => void forward(request, response)),
    'http',
  );
}

/** True when the openssl command exists; the certificate tests are skipped with this reason otherwise. */
export const opensslMissing =
  spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0
    ? undefined
    : 'openssl is not installed (apt-get install openssl)';

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: 'ignore' });
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/**
 * An https server with a certificate made for this run (no keys are committed). `self-signed`: a
 * certificate for localhost and 127.0.0.1 that no authority signed. `wrong-name`: signed by a test
 * authority (its file is `caFile`, for NODE_EXTRA_CA_CERTS) but made out to another host.
 */
export async function tlsServer(kind: 'self-signed' | 'wrong-name'): Promise<HostileServer & { caFile: string }> {
  const dir = tempDir();
  if (kind === 'self-signed') {
    openssl(
      [
        'req',
        '-x509',
        ...EC_KEY,
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      dir,
    );
  } else {
    openssl(
      [
        'req',
        '-x509',
        ...EC_KEY,
        '-keyout',
        'ca-key.pem',
        '-out',
        'ca.pem',
        '-days',
        '2',
        '-subj',
        '/CN=backend-path test authority',
      ],
      dir,
    );
    openssl(['req', ...EC_KEY, '-keyout', 'key.pem', '-out', 'cert.csr', '-subj', '/CN=wrong.example'], dir);
    writeFileSync(join(dir, 'names.ext'), 'subjectAltName=DNS:wrong.example\n');
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'cert.csr',
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca-key.pem',
        '-CAcreateserial',
        '-out',
        'cert.pem',
        '-days',
        '2',
        '-extfile',
        'names.ext',
      ],
      dir,
    );
  }
  const server = createHttpsServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
  );
  server.on('tlsClientError', () => {});
  const running = await listening(server, 'https', 'localhost');
  return { ...running, caFile: join(dir, kind === 'self-signed' ? 'cert.pem' : 'ca.pem') };
}
