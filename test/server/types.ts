/** Public types of the local ScrapeHub test server; re-exported by ./scrapeHubServer. */

/** A server account: its API key and the profile `userSettings` returns. */
export interface ServerUser {
  apiKey: string;
  username: string;
  email: string;
  fullname?: string;
  roles: string[];
  scraperAssignments: string[];
}

/** A message as the server stores it; the wire format omits `acknowledgedAt` and `sentBy`. */
export interface StoredMessage {
  id: string;
  scraperId: string;
  scraperName: string;
  messageType: string;
  message?: string;
  createdAt: string;
  expiresAt?: string;
  acknowledgedAt?: string;
  sentBy?: string;
}

/** One request as received, recorded before any fault or handling applies. */
export interface RecordedRequest {
  method: string;
  /** Path after the base path, e.g. '/getMessages'; the full path if outside it. */
  path: string;
  query: Record<string, string>;
  /** The x-api-key header value, so tests can check where a key was (not) sent. */
  apiKey?: string;
  /** Parsed JSON, or the raw text if it is not JSON; absent for an empty body. */
  body?: unknown;
  /** Wall-clock time (Date.now(), not the injected clock) so retry timing can be measured. */
  at: number;
  host?: string;
  /** The fault applied to this request, if any: what a model-based test exercised. */
  fault?: Fault;
}

/** A scripted misbehaviour, applied to matching requests before normal handling. */
export interface Fault {
  /** 'getMessages' | 'sendMessage' | 'ackMessage' | 'userSettings' | 'version' | '*' (default '*'). */
  operation?: string;
  /** Only requests with these query parameters match, e.g. `{ scraperName: 'acme-prices' }`. */
  query?: Record<string, string>;
  /** How many matching requests it applies to (default: unlimited until cleared). */
  times?: number;
  /** Wait before answering (or before applying the rest of the fault); with `afterHandling`, after the operation ran. */
  delayMs?: number;
  /**
   * Reply with this status. Without `body`, a status >= 400 gets a standard ErrorResponse
   * (code 'INJECTED_FAULT') and any other status an empty body.
   */
  status?: number;
  /** A string is sent raw (malformed JSON, an HTML page); an object is sent as JSON. */
  body?: string | object;
  /** Extra or overriding headers, e.g. Retry-After, Location, Content-Type. */
  headers?: Record<string, string>;
  /** Send the reply without Content-Length, chunk by chunk, as a streaming proxy does. */
  chunked?: boolean;
  /** Drop the connection without answering (a network error for the client). */
  destroySocket?: boolean;
  /** Never answer (until the server closes). */
  hang?: boolean;
  /** Apply the real operation first (before `delayMs`), then reply with the fault: "delivered but response lost". */
  afterHandling?: boolean;
}

/** Generated data for benchmarks: `scraper-001`… with messages spread round-robin. */
export interface GeneratedSeed {
  scrapers: number;
  messages: number;
}

export interface ScrapeHubServerOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default '/scrapehub/api'. */
  basePath?: string;
  /** Default: the demo users (for a generated seed: ada assigned to every generated scraper, and root). */
  users?: ServerUser[];
  /** Default 'demo'. */
  seed?: 'demo' | 'empty' | GeneratedSeed;
  /** true: getMessages without scraperName is a 400 VALIDATION_ERROR, as the spec allows. */
  strict?: boolean;
  /** Clock for createdAt, expiry and acknowledgedAt; default Date.now. */
  now?: () => number;
  /** Default '1.0.0'. */
  version?: string;
}

export interface RunningScrapeHubServer {
  /** E.g. 'http://127.0.0.1:41234'. */
  readonly origin: string;
  /** origin + basePath. */
  readonly baseUrl: string;
  readonly port: number;
  readonly users: ServerUser[];
  /** Live state, including acknowledged and expired messages. */
  readonly messages: StoredMessage[];
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  addFault(fault: Fault): void;
  clearFaults(): void;
  setStrict(strict: boolean): void;
  /** Adds a message without validation, so tests can add unknown message types. */
  addMessage(partial: Partial<StoredMessage> & { scraperName: string; messageType: string }): StoredMessage;
  /** Adds a user, replacing any user with the same API key. */
  addUser(user: ServerUser): void;
  /** Back to the seed state: seed users and messages, no faults, no recorded requests, initial strictness. */
  reset(): void;
  /** Closes the listening socket and every open connection, hanging ones included. */
  close(): Promise<void>;
}
