/**
 * Wire types of the ScrapeHub messaging API (OpenAPI "ScrapeHub API" 1.0.0).
 * Field names and optionality follow the contract exactly; see ../shared/scrapehub-api.md.
 */

/** The message types the contract knows today. Future servers may send others. */
export const KNOWN_MESSAGE_TYPES = ['KILL_REQUEST', 'START'] as const;
export type KnownMessageType = (typeof KNOWN_MESSAGE_TYPES)[number];
/** A message type as received: a known one, or any other string a newer server sends. */
export type MessageType = KnownMessageType | (string & {});

export interface ScraperMessage {
  id: string;
  scraperId: string;
  scraperName: string;
  messageType: MessageType;
  message?: string;
  /** ISO 8601 date-time. */
  createdAt: string;
  /** ISO 8601 date-time; absent means the message never expires. */
  expiresAt?: string;
}

export interface SendMessageRequest {
  scraperName: string;
  messageType: KnownMessageType;
  message?: string;
  expiresAt?: string;
}

export interface SendMessageResult {
  messageId: string;
  message?: string;
}

export interface AckMessageResult {
  acknowledgedAt: string;
  message?: string;
}

export interface UserSettings {
  username: string;
  email: string;
  roles: string[];
  scraperAssignments?: string[];
  fullname?: string;
  settings?: Record<string, unknown>;
}

/** The contract's `ErrorResponse`. */
export interface ErrorResponseBody {
  success: false;
  code: string;
  message: string;
  traceId?: string;
}

/** Limits from `SendMessageRequest`. */
export const SCRAPER_NAME_MAX_LENGTH = 100;
