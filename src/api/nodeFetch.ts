/**
 * The client's transport: `fetch`'s shape over node:http and node:https. In VS Code's
 * extension host the global fetch spends 100–250 ms on its first call in every new
 * extension host (it loads the system certificates, even for http, and undici's parser),
 * and that first call is the one the person waits for when they open the view. VS Code
 * patches these two modules for proxies and system certificates just as it patches fetch,
 * and they answer a first request in a few milliseconds.
 *
 * Only what the client sends: a string body, headers, an AbortSignal. A redirect comes back
 * as the 30x it is, never followed. gzip, deflate and br answers are decompressed, as fetch
 * does. Whatever the server sends, the promise rejects (never throws synchronously, never
 * crashes the host) when it cannot become a Response: a status outside 200–599, or a
 * header that is not valid.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { Readable, pipeline, type Transform } from 'node:stream';
import * as zlib from 'node:zlib';

const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/** Statuses whose Response must not have a body. */
const NO_BODY = new Set([204, 205, 304]);

export function nodeFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const headers: Record<string, string> = { 'accept-encoding': Object.keys(DECODERS).join(', ') };
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const options = { method: init.method ?? 'GET', headers, signal: init.signal ?? undefined };
    // What the client never sends (another protocol, a body that is not a string) rejects with Node's own error.
    const request = (url.protocol === 'https:' ? https : http).request(url, options, (answer) => {
      try {
        resolve(responseOf(answer));
      } catch (error) {
        answer.destroy();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    request.on('error', reject);
    request.end(init.body as string | undefined);
  });
}

function responseOf(answer: http.IncomingMessage): Response {
  const status = answer.statusCode ?? 0;
  const headers = new Headers();
  for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) headers.append(answer.rawHeaders[i], answer.rawHeaders[i + 1]);
  if (NO_BODY.has(status)) {
    answer.on('error', () => undefined).resume();
    return new Response(null, { status, statusText: answer.statusMessage, headers });
  }
  const decoder = DECODERS[(answer.headers['content-encoding'] ?? '').trim().toLowerCase()];
  // pipeline passes an error or abort of the answer on to the decoder, so the body's reader sees it.
  const body = decoder ? pipeline(answer, decoder(), () => undefined) : answer;
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status, statusText: answer.statusMessage, headers });
}
