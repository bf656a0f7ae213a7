import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultQueue, faultReply } from './faults';
import { decodeBody, error, isJsonContentType, queryOf, readBody, writeReply, type Reply } from './http';
import { OPERATIONS, type Operation } from './operations';
import { cloneUsers, DEMO_USERS, demoMessages, generatedMessages, generatedUsers } from './seed';
import { MessageStore, type NewMessage } from './store';
import type { Fault, RecordedRequest, RunningScrapeHubServer, ScrapeHubServerOptions, ServerUser, StoredMessage } from './types';

export type * from './types';
export { DEMO_USERS } from './seed';

const DEFAULT_BASE_PATH = '/scrapehub/api';

/** Starts a ScrapeHub-compatible server; resolves once it is listening. */
export async function startScrapeHubServer(options: ScrapeHubServerOptions = {}): Promise<RunningScrapeHubServer> {
  const server = new ScrapeHubServer(options);
  await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return server;
}

class ScrapeHubServer implements RunningScrapeHubServer {
  readonly users: ServerUser[] = [];
  readonly requests: RecordedRequest[] = [];
  private readonly store: MessageStore;
  private readonly faults = new FaultQueue();
  /** Pending fault delays, cancelled by close() so they neither answer nor keep Node alive. */
  private readonly delays = new Set<NodeJS.Timeout>();
  private readonly http: Server;
  private readonly basePath: string;
  private readonly now: () => number;
  private strict = false;
  private listeningOn = { origin: '', port: 0 };
  private closing?: Promise<void>;

  constructor(private readonly options: ScrapeHubServerOptions) {
    this.now = options.now ?? Date.now;
    this.basePath = (options.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, '');
    this.store = new MessageStore(this.now);
    this.http = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (res.headersSent) {
          res.destroy();
        } else {
          writeReply(res, error(500, 'INTERNAL_ERROR', 'Internal server error'));
        }
      });
    });
    this.reset();
  }

  get origin(): string {
    return this.listeningOn.origin;
  }

  get baseUrl(): string {
    return this.origin + this.basePath;
  }

  get port(): number {
    return this.listeningOn.port;
  }

  get messages(): StoredMessage[] {
    return this.store.messages;
  }

  listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        const actualPort = (this.http.address() as AddressInfo).port;
        const hostPart = host.includes(':') ? `[${host}]` : host;
        this.listeningOn = { origin: `http://${hostPart}:${actualPort}`, port: actualPort };
        resolve();
      });
    });
  }

  addFault(fault: Fault): void {
    this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  setStrict(strict: boolean): void {
    this.strict = strict;
  }

  addMessage(partial: NewMessage): StoredMessage {
    return this.store.add(partial);
  }

  addUser(user: ServerUser): void {
    const existing = this.users.findIndex((candidate) => candidate.apiKey === user.apiKey);
    if (existing === -1) {
      this.users.push(user);
    } else {
      this.users[existing] = user;
    }
  }

  reset(): void {
    const { seed = 'demo', users } = this.options;
    const seedUsers = users ?? (typeof seed === 'object' ? generatedUsers(seed) : DEMO_USERS);
    this.users.splice(0, this.users.length, ...cloneUsers(seedUsers));
    this.store.load(seedMessages(seed, this.now()));
    this.faults.clear();
    this.requests.length = 0;
    this.strict = this.options.strict ?? false;
  }

  close(): Promise<void> {
    this.closing ??= new Promise((resolve, reject) => {
      this.delays.forEach(clearTimeout);
      this.delays.clear();
      this.http.close((err) => (err ? reject(err) : resolve()));
      // Keep-alive, delayed and hanging connections would otherwise hold close() open.
      this.http.closeAllConnections();
    });
    return this.closing;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://server.invalid');
    const received = await readBody(req);
    const path = this.relativePath(url.pathname);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: path ?? url.pathname,
      query: queryOf(url),
      apiKey: firstHeader(req.headers['x-api-key']),
      body: decodeBody(received.text),
      at: Date.now(),
      host: req.headers.host,
    };
    this.requests.push(request);
    const answer = (): Reply => {
      if (received.tooLarge) {
        return error(413, 'PAYLOAD_TOO_LARGE', 'Request body exceeds 1 MB');
      }
      return this.dispatch(request, path === undefined ? undefined : OPERATIONS.get(path), isJsonContentType(req));
    };
    // A path outside the base path is no operation; only '*' faults apply to it.
    const fault = this.faults.take(path?.slice(1), request.query);
    if (fault) {
      request.fault = fault;
      await this.applyFault(fault, res, answer);
    } else {
      writeReply(res, answer());
    }
  }

  private dispatch(request: RecordedRequest, operation: Operation | undefined, jsonBody: boolean): Reply {
    if (!operation) {
      return error(404, 'NOT_FOUND', `No such operation: ${request.path}`);
    }
    if (operation.method !== request.method) {
      return error(405, 'METHOD_NOT_ALLOWED', `${request.path} requires ${operation.method}`, { Allow: operation.method });
    }
    const user = this.users.find((candidate) => request.apiKey !== undefined && candidate.apiKey === request.apiKey);
    if (!user) {
      return error(401, 'UNAUTHORIZED', 'Invalid or missing API key');
    }
    if (operation.method === 'POST' && !jsonBody) {
      return error(400, 'VALIDATION_ERROR', 'Content-Type must be application/json');
    }
    const { query, body } = request;
    const version = this.options.version ?? '1.0.0';
    return operation.handle({ user, query, body, now: this.now(), store: this.store, strict: this.strict, version });
  }

  /**
   * Order matters: with `afterHandling` the real operation runs first, before any delay,
   * hang, drop or replaced reply (an answer slowed down after the server acted).
   */
  private async applyFault(fault: Fault, res: ServerResponse, answer: () => Reply): Promise<void> {
    const real = fault.afterHandling ? answer() : undefined;
    if (fault.delayMs) {
      await this.delay(fault.delayMs);
    }
    if (fault.hang) {
      return; // close() destroys the connection
    }
    if (fault.destroySocket) {
      res.destroy();
    } else if (fault.status !== undefined) {
      writeReply(res, faultReply({ ...fault, status: fault.status }));
    } else {
      writeReply(res, { ...(real ?? answer()), chunked: fault.chunked });
    }
  }

  /** Never resolves if close() cancels it, so nothing is written to a closed server. */
  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delays.delete(timer);
        resolve();
      }, ms);
      this.delays.add(timer);
    });
  }

  /** The path after the base path, or undefined for a path outside it. */
  private relativePath(pathname: string): string | undefined {
    return pathname.startsWith(`${this.basePath}/`) ? pathname.slice(this.basePath.length) : undefined;
  }
}

function seedMessages(seed: NonNullable<ScrapeHubServerOptions['seed']>, now: number): NewMessage[] {
  if (seed === 'demo') {
    return demoMessages(now);
  }
  return seed === 'empty' ? [] : generatedMessages(seed, now);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
