import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunningScrapeHubServer } from '../server/scrapeHubServer';
import { connectedSuite, EXTENSION_ID, messageNodes, recordNotices, startServer, waitFor, withAnswers } from './harness';

/** A link as a browser or a chat app hands it to VS Code, built the way a person would write one. */
function link(action: string, fields: Record<string, string>): vscode.Uri {
  const query = Object.entries(fields)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/${action}?${query}`);
}

async function setServers(servers: unknown[] | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('scrapehub').update('servers', servers, vscode.ConfigurationTarget.Global);
}

describe('Deep links', () => {
  const suite = connectedSuite();
  let other: RunningScrapeHubServer;
  before(async () => {
    other = await startServer();
  });
  beforeEach(() => other.reset());
  after(async () => {
    await setServers(undefined);
    await other.close();
  });

  const acting = () => suite.server.requests.filter((request) => request.path === '/sendMessage' || request.path === '/ackMessage');
  const selectedIds = () => suite.api.view.treeView.selection.map((node) => (node.kind === 'message' ? node.message.id : node.id));

  it('shows the view and selects the message a link names, acting on nothing', async () => {
    const target = messageNodes(suite.api, 'news-crawler')[0].message;
    await suite.api.handleUri(link('open', { server: suite.server.baseUrl, message: target.id }));
    assert.deepEqual(selectedIds(), [target.id]);
    assert.deepEqual(acting(), []);
  });

  it('routes a link opened in the workbench to the handler, activation event and all', async () => {
    const target = messageNodes(suite.api, 'acme-prices')[0].message;
    await vscode.commands.executeCommand('vscode.open', link('open', { server: suite.server.origin, message: target.id }));
    await waitFor(() => selectedIds().includes(target.id), 'the linked message is selected');
  });

  it('says a linked message is no longer pending once someone acknowledged it, after asking the server', async () => {
    const target = messageNodes(suite.api, 'acme-prices')[0].message;
    const acked = await fetch(`${suite.server.baseUrl}/ackMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'admin-key' },
      body: JSON.stringify({ messageId: target.id }),
    });
    assert.equal(acked.status, 200);
    const notices = recordNotices(suite.api);
    const before = suite.server.requests.length;
    await suite.api.handleUri(link('open', { server: suite.server.baseUrl, message: target.id }));
    assert.ok(
      suite.server.requests.slice(before).some((request) => request.path === '/getMessages'),
      'read fresh data',
    );
    assert.deepEqual(
      notices.map((notice) => notice.message),
      [
        `Message ${target.id} is not pending on ${new URL(suite.server.origin).host}: it was acknowledged, it expired, or the link is wrong.`,
      ],
    );
    assert.ok(!selectedIds().includes(target.id));
  });

  it('opens Send Message pre-filled at the first step still open, and sends nothing without the person', async () => {
    const { prompts } = await withAnswers(suite.api, ['dismiss'], () =>
      suite.api.handleUri(link('send', { server: suite.server.baseUrl, scraper: 'acme-prices', type: 'KILL_REQUEST' })),
    );
    assert.equal(prompts.asked[0].step, 3, 'scraper and type are answered; the text is next');
    assert.match(prompts.asked[0].title, /^Send Message from a Link: KILL_REQUEST to acme-prices · /);
    assert.deepEqual(suite.api.unsentDraft, { scraperName: 'acme-prices', messageType: 'KILL_REQUEST', text: undefined });

    const full = await withAnswers(suite.api, [{ pick: { kind: 'none' } }, { confirm: false }], () =>
      suite.api.handleUri(
        link('send', { server: suite.server.baseUrl, scraper: 'acme-prices', type: 'KILL_REQUEST', message: 'from the runbook' }),
      ),
    );
    assert.deepEqual(
      full.prompts.asked.map((question) => question.kind),
      ['pick', 'confirm'],
      'only the expiry is asked, then the KILL_REQUEST confirmation',
    );
    assert.match(full.prompts.asked[1].message!, /KILL_REQUEST to "acme-prices"/);
    assert.deepEqual(acting(), [], 'declined: nothing sent');
  });

  it('refuses a link for a server that is not configured: no request goes there, and nothing is offered', async () => {
    const notices = recordNotices(suite.api);
    const before = suite.server.requests.length;
    await suite.api.handleUri(link('open', { server: other.baseUrl, message: 'm-1' }));
    await suite.api.handleUri(link('send', { server: other.origin, scraper: 'acme-prices', type: 'START' }));
    assert.equal(other.requests.length, 0, 'the unknown server heard nothing, let alone the key');
    assert.equal(suite.server.requests.length, before);
    assert.equal(notices.length, 2);
    for (const notice of notices) {
      assert.match(notice.message, /not configured here \("http:\/\/127\.0\.0\.1:\d+.*"\)\. ScrapeHub did not contact it/);
      assert.deepEqual(notice.actions, []);
    }
  });

  it('refuses a link for a configured server that is not active, naming both, and switches nothing', async () => {
    await setServers([{ name: 'staging', url: other.baseUrl }]);
    const notices = recordNotices(suite.api);
    await suite.api.handleUri(link('open', { server: 'Staging', message: 'm-1' }));
    assert.equal(notices.length, 1);
    assert.match(
      notices[0].message,
      new RegExp(
        `for the server staging \\(${other.baseUrl}\\), but the active server is .* \\(${suite.server.baseUrl}\\)\\. A link never switches servers`,
      ),
    );
    assert.deepEqual(notices[0].actions, ['Switch Server…']);
    assert.equal(vscode.workspace.getConfiguration('scrapehub').get('serverUrl'), suite.server.baseUrl);
    assert.equal(other.requests.length, 0);
    await setServers(undefined);
  });

  it('refuses hostile fields with a clear message, and shows icon and link syntax as typed', async () => {
    const notices = recordNotices(suite.api);
    await suite.api.handleUri(link('send', { server: suite.server.baseUrl, scraper: 'acme\u202e-prices' }));
    await suite.api.handleUri(link('send', { server: suite.server.baseUrl, message: 'x'.repeat(50_000) }));
    await suite.api.handleUri(link('open', { server: '$(zap) [Set key](command:scrapehub.setApiKey)', message: 'm-1' }));
    assert.match(notices[0].message, /"scraper" part of the link contains invisible or control characters/);
    assert.match(notices[1].message, /The link is too long/);
    assert.ok(notices[2].message.includes('("$(zap) [Set key] (command: scrapehub.setApiKey)")'), notices[2].message);
    const text = '$(zap) [run](command:scrapehub.acknowledgeAll) **now**';
    const { prompts } = await withAnswers(suite.api, ['dismiss'], () =>
      suite.api.handleUri(link('send', { server: suite.server.baseUrl, scraper: 'acme-prices', type: 'START', message: text })),
    );
    assert.equal(prompts.asked[0].step, 4);
    assert.equal(suite.api.unsentDraft?.text, text, 'the text is kept exactly; the input box shows it as plain text');
    assert.deepEqual(acting(), []);
  });

  it('Copy Link to Message copies a link that, opened in the browser, selects that message again', async () => {
    const node = messageNodes(suite.api, 'shop-inventory')[0];
    assert.ok(node, 'shop-inventory has a pending message');
    await vscode.commands.executeCommand('scrapehub.copyMessageLink', node);
    const copied = await vscode.env.clipboard.readText();
    await suite.api.view.treeView.reveal(messageNodes(suite.api, 'acme-prices')[0], { select: true });
    if (copied.startsWith(`${vscode.env.uriScheme}:`)) {
      // The desktop: the link is the app's own; the workbench's opener hands it to the handler.
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(copied));
    } else {
      // A browser workbench (code-server): an http link to its /callback, which the browser opens.
      assert.match(copied, /\/callback\?vscode-reqid=\d+&vscode-scheme=/);
      assert.ok(await vscode.env.openExternal(vscode.Uri.parse(copied, true)));
    }
    await waitFor(() => selectedIds().includes(node.message.id), 'the copied link selects its message');
  });
});
