/**
 * What the parse worker hands back for a getMessages body: the checked messages as
 * columns, serialized with v8.serialize into one buffer that is transferred, not copied.
 * The main thread deserializes it (timed as its own work) and rebuilds the objects, which
 * is several times faster than parsing the JSON itself. Columns with few distinct values
 * (scraper, scraper id, type) travel as a dictionary plus indexes, so every message of a
 * scraper shares one string, as they do after JSON.parse.
 */
import * as v8 from 'node:v8';
import type { ScraperMessage } from '../types';

interface DictionaryColumn {
  values: string[];
  indexes: Uint32Array;
}

export interface MessageColumns {
  id: string[];
  scraperId: DictionaryColumn;
  scraperName: DictionaryColumn;
  messageType: DictionaryColumn;
  createdAt: string[];
  /** null: the message has no such field. */
  message: (string | null)[];
  expiresAt: (string | null)[];
}

function dictionary(values: readonly string[]): DictionaryColumn {
  const positions = new Map<string, number>();
  const distinct: string[] = [];
  const indexes = new Uint32Array(values.length);
  values.forEach((value, i) => {
    let position = positions.get(value);
    if (position === undefined) {
      position = distinct.push(value) - 1;
      positions.set(value, position);
    }
    indexes[i] = position;
  });
  return { values: distinct, indexes };
}

export function toColumns(messages: readonly ScraperMessage[]): MessageColumns {
  return {
    id: messages.map((message) => message.id),
    scraperId: dictionary(messages.map((message) => message.scraperId)),
    scraperName: dictionary(messages.map((message) => message.scraperName)),
    messageType: dictionary(messages.map((message) => message.messageType)),
    createdAt: messages.map((message) => message.createdAt),
    message: messages.map((message) => message.message ?? null),
    expiresAt: messages.map((message) => message.expiresAt ?? null),
  };
}

/** The same objects checkMessage builds: seven properties, in the same order. */
export function fromColumns(columns: MessageColumns): ScraperMessage[] {
  const { id, scraperId, scraperName, messageType, createdAt, message, expiresAt } = columns;
  const messages = new Array<ScraperMessage>(id.length);
  for (let i = 0; i < id.length; i++) {
    messages[i] = {
      id: id[i],
      scraperId: scraperId.values[scraperId.indexes[i]],
      scraperName: scraperName.values[scraperName.indexes[i]],
      messageType: messageType.values[messageType.indexes[i]],
      createdAt: createdAt[i],
      message: message[i] ?? undefined,
      expiresAt: expiresAt[i] ?? undefined,
    };
  }
  return messages;
}

/** A success body without its messages, and the messages as columns. */
export interface ParsedMessagesBody {
  rest: Record<string, unknown>;
  columns: MessageColumns;
}

export function serializeParsed(parsed: ParsedMessagesBody): ArrayBuffer {
  const bytes = v8.serialize(parsed);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

export function deserializeParsed(payload: ArrayBuffer): ParsedMessagesBody {
  return v8.deserialize(new Uint8Array(payload)) as ParsedMessagesBody;
}

/** Main thread → worker. */
export interface ParseRequest {
  id: number;
  /** The body's bytes (copied: the main thread keeps its own for the fallback). */
  bytes: ArrayBuffer;
}

/** Worker → main thread. */
export type ParseReply =
  /** A success body whose messages all passed the checks: a ParsedMessagesBody, serialized and transferred. */
  | { id: number; kind: 'messages'; payload: ArrayBuffer }
  /** Anything else (an error body, bad JSON, a message that fails a check): the main thread handles the text as usual. */
  | { id: number; kind: 'text'; text: string };
