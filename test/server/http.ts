import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a handler answers; handlers return replies instead of writing, so faults can replace them. */
export interface Reply {
  status: number;
  /** A string is sent raw, an object as JSON, undefined as an empty body. */
  body?: string | object;
  headers?: Record<string, string>;
  /** Without Content-Length, in chunks (chunked transfer encoding). */
  chunked?: boolean;
}

/** Chunk size of a chunked reply. */
const CHUNK_BYTES = 64 * 1024;

export const MAX_BODY_BYTES = 1024 * 1024;

export function ok(body: object): Reply {
  return { status: 200, body: { success: true, ...body } };
}

/** The contract's ErrorResponse, with a fresh traceId as a real server would log it. */
export function error(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { success: false, code, message, traceId: randomBytes(8).toString('hex') }, headers };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const payload = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.statusCode = reply.status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(payload));
  // setHeader is case-insensitive, so a fault's 'content-type' replaces the default.
  for (const [name, value] of Object.entries(reply.headers ?? {})) {
    res.setHeader(name, value);
  }
  if (!reply.chunked) {
    res.end(payload);
    return;
  }
  res.removeHeader('Content-Length');
  const bytes = Buffer.from(payload);
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
    res.write(bytes.subarray(offset, offset + CHUNK_BYTES));
  }
  res.end();
}

export interface ReceivedBody {
  text: string;
  tooLarge: boolean;
}

/**
 * Reads the whole body but keeps at most MAX_BODY_BYTES. An oversized body is drained
 * rather than cut off, because answering 413 mid-upload makes fetch report a network
 * error instead of the 413.
 */
export function readBody(req: IncomingMessage): Promise<ReceivedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES }));
    req.on('error', reject);
  });
}

/** Parsed JSON, the raw text if it is not JSON, undefined if empty. */
export function decodeBody(text: string): unknown {
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function queryOf(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    query[name] ??= value;
  }
  return query;
}

export function isJsonContentType(req: IncomingMessage): boolean {
  const type = req.headers['content-type'] ?? '';
  return type.split(';')[0].trim().toLowerCase() === 'application/json';
}
