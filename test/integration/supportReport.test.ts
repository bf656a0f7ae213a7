import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testing/testingApi';
import type { IssueReporterArgs } from '../../src/ui/supportIo';
import type { RunningScrapeHubServer } from '../server/scrapeHubServer';
import { connect, EXTENSION_ID, extensionApi, recordNotices, setServerUrl, startServer, withAnswers } from './harness';

const CANARY_KEY = 'canary-key-5f0c1d';
const CANARY_TEXT = 'canary text qz7w';
const DRAFT_TEXT = 'draft canary vx3k';

describe('Support report', () => {
  let api: TestingApi;
  let server: RunningScrapeHubServer;
  let file: string;
  let reported: IssueReporterArgs[];
  let restore: () => void;

  before(async () => {
    api = await extensionApi();
    server = await startServer();
  });
  beforeEach(async () => {
    server.reset();
    server.addUser({
      apiKey: CANARY_KEY,
      username: 'cat',
      email: 'cat@example.com',
      roles: ['operator'],
      scraperAssignments: ['acme-prices'],
    });
    server.addMessage({ scraperName: 'acme-prices', messageType: 'START', message: CANARY_TEXT });
    await connect(api, server, CANARY_KEY);
    file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'scrapehub-diagnostics-')), 'diagnostics.md');
    reported = [];
    restore = api.useSupportIo({
      openIssueReporter: async (args) => void reported.push(args),
      chooseSaveFile: async () => vscode.Uri.file(file),
    });
  });
  afterEach(() => {
    restore();
    api.observeNotifications(undefined);
  });
  after(async () => {
    await setServerUrl(undefined);
    await server.close();
  });

  /** A refresh and a send fail, the server echoing the key and the texts back with trace ids. */
  async function causeErrors(): Promise<void> {
    const echo = (traceId: string) => ({
      success: false,
      code: 'INTERNAL',
      message: `cannot handle "${CANARY_TEXT}" / "${DRAFT_TEXT}" for ${CANARY_KEY}`,
      traceId,
    });
    server.addFault({ operation: 'getMessages', times: 1, status: 500, body: echo('trace-refresh-1') });
    await api.store.refresh({ manual: true });
    server.addFault({ operation: 'sendMessage', times: 1, status: 400, body: echo('trace-send-2') });
    recordNotices(api);
    await withAnswers(api, [{ pick: 'acme-prices' }, { pick: 'START' }, { input: DRAFT_TEXT }, { pick: { kind: 'none' } }], () =>
      vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    assert.equal(api.unsentDraft?.text, DRAFT_TEXT, 'the refused draft is kept');
    assert.ok(
      api.logLines.some((line) => line.includes(CANARY_TEXT)),
      'the log did receive a message text (through the echo)',
    );
  }

  function assertClean(text: string): void {
    for (const secret of [CANARY_KEY, CANARY_TEXT, DRAFT_TEXT]) {
      assert.ok(!text.includes(secret), `"${secret}" is in the diagnostics`);
    }
    assert.match(text, /trace-refresh-1/);
    assert.match(text, /trace-send-2/);
    assert.ok(text.includes(`Extension: ${EXTENSION_ID} 0.1.0`), 'versions');
    const settings = text.slice(text.indexOf('### Settings'), text.indexOf('### Messages view'));
    assert.ok(settings.includes(`Active server: ${server.origin} (API key stored)`), settings);
    assert.doesNotMatch(settings, /scrapehub\/api/, 'origins only in the settings');
    assert.match(text, /\[warn\] \[http\] GET \/getMessages 500/);
  }

  it('Report Issue opens the issue reporter for this extension with diagnostics, and no key or message text', async () => {
    await causeErrors();
    await vscode.commands.executeCommand('scrapehub.reportIssue');
    assert.equal(reported.length, 1);
    assert.equal(reported[0].extensionId, EXTENSION_ID);
    assert.match(reported[0].issueBody, /<summary>Diagnostics<\/summary>/);
    assertClean(reported[0].issueBody);
  });

  it('Save Diagnostics writes the same, with the whole recent log, to the file chosen', async () => {
    await causeErrors();
    const notices = recordNotices(api);
    await vscode.commands.executeCommand('scrapehub.saveDiagnostics');
    const text = await fs.readFile(file, 'utf8');
    assertClean(text);
    assert.match(text, /‹redacted›/, 'the echoed texts were found and removed');
    assert.ok(notices.some((notice) => notice.severity === 'info' && /Saved the diagnostics/.test(notice.message)));
  });

  it('offers to save the diagnostics instead when the issue reporter cannot open', async () => {
    restore();
    restore = api.useSupportIo({
      openIssueReporter: async () => {
        throw new Error('command not found');
      },
      chooseSaveFile: async () => vscode.Uri.file(file),
    });
    const notices = recordNotices(api, (notice) => (notice.severity === 'warning' ? 'Save Diagnostics…' : undefined));
    await vscode.commands.executeCommand('scrapehub.reportIssue');
    assert.match(notices[0].message, /issue reporter could not be opened/);
    assertNoKey(await fs.readFile(file, 'utf8'));
  });

  function assertNoKey(text: string): void {
    assert.ok(text.includes('## ScrapeHub Messages diagnostics') && !text.includes(CANARY_KEY));
  }
});
