import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connectedSuite, scraperNodes, withAnswers } from './harness';

describe('Filter', () => {
  const suite = connectedSuite();
  afterEach(() => vscode.commands.executeCommand('scrapehub.clearFilter'));

  const shownMessages = () => scraperNodes(suite.api).flatMap((node) => suite.api.view.provider.getChildren(node));

  it('shows only matching messages, says so, and keeps the badge at the full count', async () => {
    const badge = suite.api.view.treeView.badge!.value;
    await withAnswers(suite.api, [{ input: 'type:kill' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    const shown = shownMessages();
    assert.ok(shown.length > 0);
    assert.ok(shown.every((node) => node.kind === 'message' && node.message.messageType === 'KILL_REQUEST'));
    assert.ok(scraperNodes(suite.api).every((node) => node.group.messages.length > 0), 'scrapers without a match are hidden');
    assert.match(suite.api.view.treeView.message ?? '', new RegExp(`Filter "type:kill": ${shown.length} of ${badge} messages`));
    assert.equal(suite.api.view.treeView.badge?.value, badge);
  });

  it('reopens with the current filter, and an empty answer clears it', async () => {
    await withAnswers(suite.api, [{ input: 'scraper:acme' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    const { prompts } = await withAnswers(suite.api, [{ input: '' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    assert.equal(prompts.asked[0].value, 'scraper:acme');
    assert.equal(suite.api.view.treeView.message, undefined);
    assert.deepEqual(scraperNodes(suite.api).map((n) => n.name), ['acme-prices', 'news-crawler', 'shop-inventory', 'weather-feed']);
  });

  it('leaves the tree empty (for the "nothing matches" welcome) when nothing matches', async () => {
    await withAnswers(suite.api, [{ input: 'no-such-thing-anywhere' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    assert.deepEqual(scraperNodes(suite.api), []);
    assert.equal(suite.api.view.treeView.message, undefined, 'the welcome content is not hidden');
  });

  it('applies to new data as it arrives', async () => {
    await withAnswers(suite.api, [{ input: 'urgent-needle' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    assert.equal(shownMessages().length, 0);
    suite.server.addMessage({ scraperName: 'news-crawler', messageType: 'START', message: 'urgent-needle in the haystack' });
    await suite.api.store.refresh();
    assert.deepEqual(scraperNodes(suite.api).map((n) => n.name), ['news-crawler']);
    assert.equal(shownMessages().length, 1);
  });
});
