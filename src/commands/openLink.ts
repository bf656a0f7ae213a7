/**
 * The URI handler: a deep link shows a message or opens the Send Message form pre-filled.
 * A link never acts by itself — no send, no acknowledgement, no setting changed, no server
 * switched — and only ever reaches the active server the user chose. A link for another
 * configured server is refused with a way to switch by hand (rather than a "Switch?"
 * dialog: a link cannot then move every window to another server with one careless
 * click, and there is no second path that writes the server setting). A link for a
 * server the user has not configured offers nothing at all.
 */
import * as vscode from 'vscode';
import { linkDraft, parseDeepLink, type LinkRequest } from '../model/deepLink';
import { matchLinkServer } from '../model/linkServer';
import type { ActiveServer } from '../state/serverConnection';
import { untrustedText } from '../util/untrustedText';
import type { CommandContext } from './commandContext';
import { CommandId } from '../contributions/commandIds';
import { composeAndSend } from './sendMessage';

export async function handleLink(context: CommandContext, uri: vscode.Uri): Promise<void> {
  const parsed = parseDeepLink(uri.path, uri.query);
  if (!parsed.ok) {
    context.log.warn(`[link] refused a link to ${uri.path}: ${parsed.problem}`);
    context.notifier.show('warning', vscode.l10n.t('ScrapeHub did not open this link. {0}', parsed.problem));
    return;
  }
  const { link } = parsed;
  const server = await serverFor(context, link);
  if (!server) {
    return;
  }
  context.log.info(`[link] ${link.action} on ${server.label}`);
  if (link.action === 'open') {
    await openMessage(context, server, link.messageId);
  } else {
    const { draft, startAt } = linkDraft(link);
    await composeAndSend(context, draft, startAt, { startedFor: server, title: vscode.l10n.t('Send Message from a Link') });
  }
}

/** The active server when the link names it; otherwise tells the user why nothing happens. */
async function serverFor(context: CommandContext, link: LinkRequest): Promise<ActiveServer | undefined> {
  const active = context.connection.active;
  const match = matchLinkServer(link.server, context.settings.servers().servers, active?.address);
  const named = untrustedText(link.server, 120);
  if (match.kind === 'active') {
    return active;
  }
  context.log.warn(
    `[link] not opened: the link names ${match.kind === 'unknown' ? 'a server that is not configured' : 'a configured server that is not the active one'}`,
  );
  if (match.kind === 'unknown') {
    context.notifier.show(
      'warning',
      vscode.l10n.t(
        'This link is for a ScrapeHub server that is not configured here ("{0}"). ScrapeHub did not contact it and does not send your API key to it. If you trust that server, add it yourself with "ScrapeHub: Add Server…".',
        named,
      ),
    );
    return undefined;
  }
  const target = vscode.l10n.t('{0} ({1})', untrustedText(match.server.name, 60), match.server.address.baseUrl);
  const now = active ? vscode.l10n.t('{0} ({1})', active.label, active.address.baseUrl) : vscode.l10n.t('none');
  const switchLabel = vscode.l10n.t('Switch Server…');
  const choice = await context.notifier.show(
    'warning',
    vscode.l10n.t(
      'This link is for the server {0}, but the active server is {1}. A link never switches servers: switch yourself, then open the link again.',
      target,
      now,
    ),
    switchLabel,
  );
  if (choice === switchLabel) {
    await vscode.commands.executeCommand(CommandId.SwitchServer);
  }
  return undefined;
}

/** Shows the view with the message selected, or says why it cannot. Reads fresh data first: the link may be old. */
async function openMessage(context: CommandContext, server: ActiveServer, messageId: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.view.extension.scrapehub');
  await context.store.refresh();
  const id = untrustedText(messageId, 80);
  if (!context.connection.isCurrent(server)) {
    context.notifier.show(
      'warning',
      vscode.l10n.t('The active server changed while the link was opening, so message {0} was not looked up.', id),
    );
    return;
  }
  if (!context.store.lastAnswer) {
    const why = context.store.error ? untrustedText(context.store.error.message, 200) : vscode.l10n.t('see the Messages view');
    context.notifier.show(
      'warning',
      vscode.l10n.t(
        'Could not load the messages of {0}, so ScrapeHub cannot tell whether message {1} is pending ({2}).',
        server.label,
        id,
        why,
      ),
    );
    return;
  }
  if (await context.view.revealMessage(messageId)) {
    return;
  }
  if (context.store.findMessage(messageId)) {
    const clear = vscode.l10n.t('Clear Filter');
    const choice = await context.notifier.show(
      'info',
      vscode.l10n.t('Message {0} is pending on {1} but hidden by the filter.', id, server.label),
      clear,
    );
    if (choice === clear) {
      context.view.setFilter(undefined);
      await context.view.revealMessage(messageId);
    }
    return;
  }
  context.notifier.show(
    'info',
    vscode.l10n.t('Message {0} is not pending on {1}: it was acknowledged, it expired, or the link is wrong.', id, server.label),
  );
}
