/**
 * Server text reaches VS Code as sent, minus control and bidi characters, made safe for
 * each place that draws it: plain tree labels and descriptions, escaped markdown in
 * tooltips, escaped icon syntax in the status bar, one log line per entry.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { toQuickPickItem } from '../../src/ui/quickPickRows';
import type { MessageNode, TypeNode } from '../../src/views/treeNodes';
import { connectedSuite, groupedBy, labelText, scraperNode, tooltipText, treeItem, waitFor } from './harness';

const MARKUP = '<b>x</b> **y** $(zap) [a](command:workbench.action.quit)';
const SCRAPER = 'odd <scraper> **$(zap)** _s_';
const TYPE = 'PAUSE_<i>$(zap)';
const TEXT = `${MARKUP}\nforged line\u202eevil ${'w'.repeat(20_000)}`;
/** What the text becomes on one line: the line break is a space, the override is gone. */
const TEXT_SHOWN = `${MARKUP} forged lineevil w`;
const ID = 'id\n\u202e<1>';
// eslint-disable-next-line no-control-regex -- these must never reach VS Code.
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('Server text as sent, safe in every place it is shown', () => {
  const suite = connectedSuite();

  beforeEach(async () => {
    suite.server.users.find((user) => user.apiKey === 'demo-key')!.scraperAssignments.push(SCRAPER);
    suite.server.addMessage({ id: ID, scraperName: SCRAPER, messageType: TYPE, message: TEXT });
    await suite.api.store.refresh({ manual: true });
  });
  afterEach(async () => {
    await setting('servers', undefined);
    await setting('groupBy', undefined);
    await waitFor(() => groupedBy(suite.api) === 'scraper', 'grouped by scraper again');
  });

  const row = (): MessageNode => suite.api.view.provider.getChildren(scraperNode(suite.api, SCRAPER))[0] as MessageNode;

  it('tree labels are plain text with every character as sent, on one line and bounded', () => {
    const scraper = treeItem(suite.api, scraperNode(suite.api, SCRAPER));
    assert.equal(scraper.label, SCRAPER);
    const item = treeItem(suite.api, row());
    assert.equal(typeof item.label, 'string', 'a plain label: VS Code draws it as text, icons and markdown included');
    const label = labelText(item.label);
    assert.ok(label.startsWith(`${TYPE}: ${TEXT_SHOWN}`), label);
    assert.ok(label.endsWith('…') && label.length < 200, `bounded: ${label.length} characters`);
    assert.doesNotMatch(label, CONTROL_OR_BIDI);
  });

  it('grouped by type, the type label and the scraper in the row description are as sent', async () => {
    await setting('groupBy', 'messageType');
    await waitFor(() => groupedBy(suite.api) === 'messageType', 'grouped by type');
    const type = suite.api.view.provider.getChildren().find((node): node is TypeNode => node.kind === 'type' && node.name === TYPE);
    assert.ok(type, 'the unknown type has its group');
    assert.equal(treeItem(suite.api, type).label, TYPE);
    const [message] = suite.api.view.provider.getChildren(type) as MessageNode[];
    assert.ok(
      String(treeItem(suite.api, message).description).startsWith(`${SCRAPER} · `),
      String(treeItem(suite.api, message).description),
    );
  });

  it('the tooltip is untrusted, escaped markdown that shows the text as sent, one line per field', () => {
    const node = row();
    const tooltip = suite.api.view.provider.resolveTreeItem(treeItem(suite.api, node), node).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString, 'a MarkdownString');
    assert.ok(!tooltip.isTrusted && !tooltip.supportHtml && !tooltip.supportThemeIcons, 'no command links, HTML or icons');
    assert.doesNotMatch(tooltip.value.replace(/\\[!-/:-@[-`{-~]/g, ''), /[<>[\]()*_$&`]/, 'every markdown character is escaped');
    const lines = tooltipText(tooltip).split('\n\n');
    assert.equal(lines[0], `${TYPE} for ${SCRAPER}`);
    assert.ok(
      lines[1].startsWith(TEXT_SHOWN) && lines[1].endsWith('…') && lines[1].length <= 1000,
      `text line of ${lines[1].length} characters`,
    );
    assert.deepEqual(
      lines.filter((line) => line.startsWith('ID: ')),
      ['ID: id <1>'],
      'the id on its own line, once',
    );
    assert.ok(!lines.some((line) => line.startsWith('forged')), 'the text cannot start a line of its own');
    lines.forEach((line) => assert.doesNotMatch(line, CONTROL_OR_BIDI, line));
  });

  it('the status bar and view title show a server name with icon syntax as typed', async () => {
    const name = 'lab $(zap) <b>\u202e';
    await setting('servers', [{ name, url: suite.server.baseUrl }]);
    // `\$(zap)` is VS Code's escape: the status bar draws it as the text "$(zap)".
    await waitFor(() => suite.api.statusBar.text.endsWith(' · lab \\$(zap) <b>'), `status bar text (is: ${suite.api.statusBar.text})`);
    assert.match(suite.api.statusBar.text, /^\$\(mail\) \d+/, 'its own icons still drawn');
    assert.equal(suite.api.view.treeView.description, 'lab $(zap) <b>');
  });

  it('quick pick rows escape icon syntax in label, description and detail, and keep their own icon', () => {
    const item = toQuickPickItem({
      label: `${SCRAPER}\n`,
      description: MARKUP,
      detail: `${TYPE}\u202e`,
      icon: 'server-process',
      value: SCRAPER,
    });
    assert.equal(item.label, 'odd <scraper> **\\$(zap)** _s_');
    assert.equal(item.description, '<b>x</b> **y** \\$(zap) [a](command:workbench.action.quit)');
    assert.equal(item.detail, 'PAUSE_<i>\\$(zap)');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'server-process');
    assert.equal(item.value, SCRAPER, 'the value is the text as sent');
  });

  it('writes one log line per entry: a line break in a server error cannot forge one', async () => {
    const logStart = suite.api.logLines.length;
    const forged = '2026-12-01 10:00:00.000 [info] [ack] 1 acknowledged, 0 already, 0 failed';
    suite.server.addFault({
      operation: 'getMessages',
      status: 500,
      times: 1,
      body: { success: false, code: 'BOOM', message: `boom\n${forged}\u202e` },
    });
    await suite.api.store.refresh({ manual: true });
    const lines = suite.api.logLines.slice(logStart).filter((line) => line.includes('boom'));
    assert.ok(lines.length > 0, `the failure is logged: ${suite.api.logLines.slice(logStart).join(' | ')}`);
    for (const line of lines) {
      assert.doesNotMatch(line, CONTROL_OR_BIDI, JSON.stringify(line));
      assert.ok(line.includes(`boom ${forged}`), line);
    }
    const tooltip = tooltipText(suite.api.statusBar.tooltip);
    assert.ok(tooltip.includes(`boom ${forged}`), `the status bar names the failure on one line: ${tooltip}`);
  });
});

async function setting(key: 'servers' | 'groupBy', value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('scrapehub').update(key, value, vscode.ConfigurationTarget.Global);
}
