/**
 * Worker thread (dist/parseWorker.js): decodes and parses large getMessages bodies and
 * checks every message, off the extension host's main thread. Only data passes through
 * here, never the API key. Whatever is not a clean success body goes back as text, so the
 * main thread produces exactly the errors it always did.
 */
import { parentPort } from 'node:worker_threads';
import { checkMessages, isObject } from '../responseShapes';
import { serializeParsed, toColumns, type ParseReply, type ParseRequest } from './messagesWire';

const decoder = new TextDecoder();

function parse(request: ParseRequest): ParseReply {
  const text = decoder.decode(request.bytes);
  const asText: ParseReply = { id: request.id, kind: 'text', text };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return asText;
  }
  if (!isObject(body) || body.success !== true) {
    return asText;
  }
  const checked = checkMessages(body);
  if (!checked.ok) {
    return asText;
  }
  const rest: Record<string, unknown> = { ...body };
  delete rest.messages;
  return { id: request.id, kind: 'messages', payload: serializeParsed({ rest, columns: toColumns(checked.value) }) };
}

parentPort?.on('message', (request: ParseRequest) => {
  const reply = parse(request);
  parentPort?.postMessage(reply, reply.kind === 'messages' ? [reply.payload] : []);
});
