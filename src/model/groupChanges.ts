/**
 * Whether a refreshed group or message differs from the one shown, so the tree redraws only
 * what changed. Pure, and written for speed: it runs for every pending message on every refresh.
 */
import type { ScraperMessage } from '../api/types';
import type { MessageGroup } from './messageGroups';

export function sameGroup(a: MessageGroup, b: MessageGroup): boolean {
  const assigned = (group: MessageGroup) => (group as { assigned?: boolean }).assigned;
  if (assigned(a) !== assigned(b) || a.messages.length !== b.messages.length) {
    return false;
  }
  for (let i = 0; i < a.messages.length; i++) {
    if (!sameMessage(a.messages[i], b.messages[i])) {
      return false;
    }
  }
  return true;
}

export function sameMessage(a: ScraperMessage, b: ScraperMessage): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.messageType === b.messageType &&
      a.message === b.message &&
      a.createdAt === b.createdAt &&
      a.expiresAt === b.expiresAt &&
      a.scraperId === b.scraperId &&
      a.scraperName === b.scraperName)
  );
}
