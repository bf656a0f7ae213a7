import type { ScraperMessage, UserSettings } from '../../src/api/types';
import { error, ok, type Reply } from './http';
import { isPending, type MessageStore } from './store';
import type { ServerUser, StoredMessage } from './types';
import { validateAckMessage, validateSendMessage } from './validation';

/** What an operation may see of the request and the server, already authenticated. */
export interface OperationContext {
  user: ServerUser;
  query: Record<string, string>;
  body: unknown;
  now: number;
  store: MessageStore;
  strict: boolean;
  version: string;
}

export interface Operation {
  method: 'GET' | 'POST';
  handle(context: OperationContext): Reply;
}

/** Keyed by the path after the base path; a Map so '/constructor' is not an operation. */
export const OPERATIONS = new Map<string, Operation>([
  ['/getMessages', { method: 'GET', handle: getMessages }],
  ['/sendMessage', { method: 'POST', handle: sendMessage }],
  ['/ackMessage', { method: 'POST', handle: ackMessage }],
  ['/userSettings', { method: 'GET', handle: userSettings }],
  ['/version', { method: 'GET', handle: version }],
]);

const NOT_ASSIGNED = 'User is not assigned to this scraper';

function getMessages({ user, query, now, store, strict }: OperationContext): Reply {
  const scraperName = query.scraperName || undefined;
  if (scraperName === undefined && strict) {
    return error(400, 'VALIDATION_ERROR', 'scraperName is required');
  }
  const visible = scraperFilter(user);
  const messages = store.messages
    .filter((m) => (scraperName === undefined || m.scraperName === scraperName) && visible(m.scraperName) && isPending(m, now))
    .map(toWire);
  return ok({ messages });
}

function sendMessage({ user, body, now, store }: OperationContext): Reply {
  const request = validateSendMessage(body, now);
  if (!request.ok) {
    return error(400, 'VALIDATION_ERROR', request.message);
  }
  if (!scraperFilter(user)(request.value.scraperName)) {
    return error(403, 'FORBIDDEN', NOT_ASSIGNED);
  }
  // Spread the validated body so optional fields the client left out stay absent.
  const created = store.add({ ...request.value, sentBy: user.username });
  return ok({ messageId: created.id });
}

function ackMessage({ user, body, now, store }: OperationContext): Reply {
  const request = validateAckMessage(body);
  if (!request.ok) {
    return error(400, 'VALIDATION_ERROR', request.message);
  }
  const { messageId } = request.value;
  const message = store.find(messageId);
  if (!message) {
    return error(404, 'NOT_FOUND', `Message ${messageId} not found`);
  }
  if (!scraperFilter(user)(message.scraperName)) {
    return error(403, 'FORBIDDEN', NOT_ASSIGNED);
  }
  if (message.acknowledgedAt !== undefined) {
    return error(409, 'ALREADY_ACKNOWLEDGED', `Message ${messageId} was already acknowledged`);
  }
  message.acknowledgedAt = new Date(now).toISOString();
  return ok({ acknowledgedAt: message.acknowledgedAt });
}

function userSettings({ user }: OperationContext): Reply {
  const data: UserSettings = {
    username: user.username,
    email: user.email,
    roles: [...user.roles],
    scraperAssignments: [...user.scraperAssignments],
    ...(user.fullname === undefined ? {} : { fullname: user.fullname }),
  };
  return ok({ data });
}

function version(context: OperationContext): Reply {
  return ok({ version: context.version });
}

/** Admins may see and message every scraper, everyone else only their assignments. */
function scraperFilter(user: ServerUser): (scraperName: string) => boolean {
  if (user.roles.includes('admin')) {
    return () => true;
  }
  const assigned = new Set(user.scraperAssignments);
  return (scraperName) => assigned.has(scraperName);
}

/** Exactly the ScraperMessageResponse fields: never acknowledgedAt or sentBy. */
function toWire(message: StoredMessage): ScraperMessage {
  const { id, scraperId, scraperName, messageType, message: text, createdAt, expiresAt } = message;
  return {
    id,
    scraperId,
    scraperName,
    messageType,
    createdAt,
    ...(text === undefined ? {} : { message: text }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}
