import { isUtf8 } from 'node:buffer';
import { lookup } from 'node:dns/promises';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';

/** An address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface EgressSend {
  method: string;
  headers: Record<string, string>;
  body: string | Buffer | null;
  timeoutMs: number;
}

export interface EgressAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** 'base64' when the body is not UTF-8 text: app code gets the bytes exactly. */
  bodyEncoding?: 'base64';
}

/**
 * How the egress gateway reaches the network: resolve a host, then send one request to exactly the
 * address that was checked. Tests give a fake one; nothing else should.
 */
export interface EgressNetwork {
  resolve(host: string): Promise<ResolvedAddress[]>;
  send(url: URL, request: EgressSend, pinned: ResolvedAddress): Promise<EgressAnswer>;
}

// Set by the connection itself: app code may not choose them.
const CONNECTION_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'proxy-connection', 'te', 'trailer']);
const DECODERS: Record<string, (data: Buffer) => Promise<Buffer>> = { gzip: promisify(gunzip), 'x-gzip': promisify(gunzip), deflate: promisify(inflate), br: promisify(brotliDecompress) };

async function resolveAll(host: string): Promise<ResolvedAddress[]> {
  const addresses = await lookup(host, { all: true, verbatim: true });
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

/**
 * One HTTPS request whose connection goes to `pinned`, whatever DNS answers by now: a host that
 * resolved to a public address when checked cannot be rebound to loopback before the connect. The
 * TLS certificate is still checked against the host name. Redirects are returned, never followed.
 */
function sendPinned(url: URL, request: EgressSend, pinned: ResolvedAddress): Promise<EgressAnswer> {
  const pinnedLookup: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (!CONNECTION_HEADERS.has(name.toLowerCase())) headers[name] = value;
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      {
        protocol: 'https:',
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port === '' ? 443 : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers,
        lookup: pinnedLookup,
        agent: false,
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const answerHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) if (value !== undefined) answerHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
          const decode = DECODERS[(answerHeaders['content-encoding'] ?? '').toLowerCase()];
          const raw = Buffer.concat(chunks);
          (decode ? decode(raw) : Promise.resolve(raw)).then((body) => {
            // The body app code gets is decoded, as fetch would give it.
            if (decode) delete answerHeaders['content-encoding'];
            const status = incoming.statusCode ?? 502;
            resolve(isUtf8(body) ? { status, headers: answerHeaders, body: body.toString('utf8') } : { status, headers: answerHeaders, body: body.toString('base64'), bodyEncoding: 'base64' });
          }, reject);
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body ?? undefined);
  });
}

/** The real network: the system resolver, and requests pinned to the checked address. */
export const systemNetwork: EgressNetwork = { resolve: resolveAll, send: sendPinned };
