/**
 * What must hold after every step, checked against the servers' own records (their stored
 * messages and the requests they received), never against what the extension says.
 */
import { isPending } from '../../server/store';
import type { RecordedRequest, RunningScrapeHubServer } from '../../server/scrapeHubServer';
import type { MessageNode, ScraperNode } from '../../../src/views/treeNodes';
import { SERVER_NAMES, type ServerName } from './servers';
import type { Action, Model, World } from './world';
import { shownMessage } from '../harness';

const isPost = (r: RecordedRequest) => r.path === '/sendMessage' || r.path === '/ackMessage';
const describe = (r: RecordedRequest) => `${r.method} ${r.path} ${JSON.stringify(r.body ?? '')} with key ${r.apiKey}`;

/** Every invariant that can be checked after any step; throws with all that failed. */
export function checkAfterStep(world: World, action: Action): void {
  const failed = [
    ...world.violations,
    ...keysStayHome(world),
    ...postsOnlyWhereStarted(world, action),
    ...noUnconfirmedCopies(world),
    ...acksReportedDoneAreDone(world, action),
    ...acksReportedFailedAreShown(world, action),
  ];
  if (failed.length > 0) {
    throw new Error(`control channel invariant broken:\n  ${failed.join('\n  ')}`);
  }
}

/** Invariant 5: a server only ever receives keys stored for its own origin. */
function keysStayHome(world: World): string[] {
  return SERVER_NAMES.flatMap((name) =>
    world.servers[name].requests
      .filter((r) => r.apiKey !== undefined && !world.keysSent[name].has(r.apiKey))
      .map((r) => `invariant 5: ${name} received a key stored for another origin: ${describe(r)}`),
  );
}

/**
 * Invariant 1: what a step sent or acknowledged went to the server it started on, with
 * the key it started with; a step that is not a send or an acknowledgement posts nothing.
 */
function postsOnlyWhereStarted(world: World, action: Action): string[] {
  return SERVER_NAMES.flatMap((name) =>
    world.servers[name].requests
      .slice(action.requestsBefore[name])
      .filter(isPost)
      .flatMap((r) => {
        if (action.kind === 'other') return [`invariant 1: a ${action.kind} step posted to ${name}: ${describe(r)}`];
        if (name !== action.server) return [`invariant 1: a step started on ${action.server} posted to ${name}: ${describe(r)}`];
        if (r.apiKey !== action.key) return [`invariant 1: a step started with key ${action.key} posted with another: ${describe(r)}`];
        return [];
      }),
  );
}

/** Invariant 2: one stored copy per send, plus one per resend the user chose after "may have been delivered". */
function noUnconfirmedCopies(world: World): string[] {
  return world.intents.flatMap((intent) => {
    const copies = SERVER_NAMES.flatMap((name) => world.servers[name].messages.filter((m) => m.message === intent.token).map(() => name));
    const allowed = 1 + intent.allowedResends;
    return copies.length > allowed
      ? [`invariant 2: "${intent.token}" is stored ${copies.length} times (on ${copies.join(', ')}); the user accepted at most ${allowed}`]
      : [];
  });
}

/** Invariant 3, first half: what a notice reported as acknowledged is acknowledged on the step's server. */
function acksReportedDoneAreDone(world: World, action: Action): string[] {
  if (action.kind !== 'ack') return [];
  const server = world.servers[action.server];
  const acked = action.ackIds.filter((id) => server.messages.find((m) => m.id === id)?.acknowledgedAt !== undefined);
  return action.notices.flatMap((notice) => {
    const all = notice.severity === 'info' && /^Acknowledged \d+ messages?\b/.test(notice.message);
    const some = /^Acknowledged (\d+) of \d+ messages?\b/.exec(notice.message);
    const claimed = all ? action.ackIds.length : some ? Number(some[1]) : 0;
    return acked.length < claimed
      ? [`invariant 3: "${notice.message}" but only ${acked.length} of ${action.ackIds.join(', ')} are acknowledged on ${action.server}`]
      : [];
  });
}

/**
 * Invariant 3, second half: a message a notice reported as not acknowledged, and still
 * pending on the server, is in the tree once the step is over (while the user is still on
 * that server and key).
 */
function acksReportedFailedAreShown(world: World, action: Action): string[] {
  if (action.kind !== 'ack' || world.active !== action.server || world.storedKey[action.server] !== action.key) return [];
  const server = world.servers[action.server];
  const failures = action.notices.filter((notice) => notice.severity === 'error' || /\bfailed\b/i.test(notice.message));
  return action.ackIds
    .filter((id) => failures.some((notice) => mentions(notice.message, id)))
    .filter((id) => server.messages.some((m) => m.id === id && m.acknowledgedAt === undefined) && shownMessage(world.api, id) === undefined)
    .map(
      (id) => `invariant 3: ${id} was reported as not acknowledged and is still pending on ${action.server}, but the tree does not show it`,
    );
}

/**
 * Invariant 4: right after a successful refresh the tree shows exactly the pending
 * messages the active server has for the active key's user.
 */
export function treeMatchesServer(world: World, model: Model): void {
  const name: ServerName = model.active;
  const server = world.servers[name];
  const expected = pendingFor(server, world.storedKey[name]);
  if (expected === undefined) return;
  const provider = world.api.view.provider;
  const shown = provider
    .getChildren()
    .filter((node): node is ScraperNode => node.kind === 'scraper')
    .flatMap((scraper) => provider.getChildren(scraper).filter((node): node is MessageNode => node.kind === 'message'))
    .map((node) => node.message.id);
  const missing = expected.filter((id) => !shown.includes(id));
  const extra = shown.filter((id) => !expected.includes(id));
  const twice = shown.filter((id, index) => shown.indexOf(id) !== index);
  if (missing.length + extra.length + twice.length > 0) {
    throw new Error(
      `invariant 4: after a successful refresh the tree differs from ${name}'s pending messages: missing [${missing.join(', ')}], not pending [${extra.join(', ')}], shown twice [${twice.join(', ')}]`,
    );
  }
}

function pendingFor(server: RunningScrapeHubServer, key: string | undefined): string[] | undefined {
  const user = server.users.find((candidate) => candidate.apiKey === key);
  if (!user) return undefined;
  const now = Date.now();
  const visible = (scraper: string) => user.roles.includes('admin') || user.scraperAssignments.includes(scraper);
  return server.messages.filter((m) => isPending(m, now) && visible(m.scraperName)).map((m) => m.id);
}

/** True when `text` names `id` as a whole word (m-1 is not in m-12). */
function mentions(text: string, id: string): boolean {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w-])${escaped}(?![\\w-])`).test(text);
}
