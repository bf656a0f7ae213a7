import * as assert from 'node:assert/strict';
import { formatDiagnostics, redact, REDACTED, withoutPaths, type DiagnosticsInput } from '../../src/model/diagnostics';
import { RecentLog } from '../../src/util/recentLog';

function input(overrides: Partial<DiagnosticsInput> = {}): DiagnosticsInput {
  return {
    extension: { id: 'scrapehub.scrapehub-messages', version: '0.1.0', hostKind: 'workspace' },
    vscode: { version: '1.95.0', appName: 'Visual Studio Code', uiKind: 'desktop', remoteName: 'ssh-remote' },
    servers: {
      active: 'https://hub.example.com',
      activeState: 'keyStored',
      configured: ['https://hub.example.com (active)', 'http://localhost:3000'],
      unusableEntries: 1,
    },
    settings: { refreshIntervalSeconds: 30, groupBy: 'scraper' },
    view: { state: 'ok', pending: 3, lastUpdated: Date.UTC(2026, 11, 1, 14), stale: false },
    log: [
      { at: Date.UTC(2026, 11, 1, 14), level: 'info', text: '[http] GET /getMessages 200 12ms' },
      { at: Date.UTC(2026, 11, 1, 14, 1), level: 'warn', text: '[http] POST /sendMessage 500 3ms — database busy (trace trace-42)' },
    ],
    secrets: [],
    now: Date.UTC(2026, 11, 1, 15),
    ...overrides,
  };
}

describe('Diagnostics text', () => {
  it('lists versions, server origins, settings, the view state, the last errors with trace ids and the log', () => {
    const text = formatDiagnostics(
      input({ lastError: { kind: 'server', status: 500, code: 'INTERNAL', traceId: 'trace-7', message: 'boom' } }),
    );
    assert.match(text, /Extension: scrapehub\.scrapehub-messages 0\.1\.0 \(workspace extension host\)/);
    assert.match(text, /Visual Studio Code: 1\.95\.0 \(desktop, remote: ssh-remote\)/);
    assert.match(text, /Active server: https:\/\/hub\.example\.com \(API key stored\)/);
    assert.match(text, /Named servers: https:\/\/hub\.example\.com \(active\), http:\/\/localhost:3000; 1 unusable entries/);
    assert.match(text, /- refreshIntervalSeconds: 30/);
    assert.match(text, /Last refresh error: server, HTTP 500, INTERNAL, trace id trace-7: boom/);
    assert.match(text, /### Last errors\n- 2026-12-01T14:01:00\.000Z \[warn\] .*trace trace-42/);
    assert.match(text, /Recent log \(2 of 2 lines\)\n```\n2026-12-01T14:00:00\.000Z \[info\] \[http\] GET \/getMessages 200 12ms\n/);
  });

  it('names the kind of remote, never a host and port put in its place', () => {
    const text = formatDiagnostics(
      input({ vscode: { version: '1.95.0', appName: 'code-server', uiKind: 'web', remoteName: '10.1.2.3:8080' } }),
    );
    assert.match(text, /code-server: 1\.95\.0 \(web, remote: other\)/);
    assert.doesNotMatch(text, /10\.1\.2\.3/);
  });

  it('keeps only the last lines of the log when asked to (the issue body)', () => {
    const text = formatDiagnostics(input(), 1);
    assert.match(text, /Recent log \(1 of 2 lines\)/);
    assert.doesNotMatch(text, /GET \/getMessages/);
  });

  it('removes every secret wherever it appears, also as the log wrote it on one line', () => {
    const key = 'sk-canary-9f3';
    const text = formatDiagnostics(
      input({
        log: [{ at: 0, level: 'error', text: `[command] failed: key ${key} and text stop the line now` }],
        secrets: [key, 'stop the\nline now', 'ok'],
      }),
    );
    assert.doesNotMatch(text, /sk-canary|stop the/);
    assert.equal(text.split(REDACTED).length - 1, 4, 'in Last errors and in the log');
    assert.equal(redact('ok fine', ['ok']), 'ok fine', 'very short secrets are not searched for');
  });

  it('cuts stack frame paths to the file name, but leaves URLs alone', () => {
    assert.equal(withoutPaths('at run (/home/ana/.vscode/extensions/scrapehub/dist/core.js:1:2345)'), 'at run (…/core.js:1:2345)');
    assert.equal(withoutPaths('at C:\\Users\\ana\\ext\\core.js:3:4'), 'at …/core.js:3:4');
    assert.equal(withoutPaths('at file:///home/ana/x/core.js:3:4'), 'at …/core.js:3:4');
    assert.equal(
      withoutPaths('GET https://hub.example.com/scrapehub/api/getMessages 200'),
      'GET https://hub.example.com/scrapehub/api/getMessages 200',
    );
  });
});

describe('Recent log ring', () => {
  it('keeps the last lines, oldest first, each cut to its bound', () => {
    let now = 0;
    const log = new RecentLog(3, 10, () => now++);
    for (const text of ['one', 'two', 'three', 'four', 'a very long line indeed']) {
      log.add('info', text);
    }
    assert.deepEqual(
      log.lines().map((line) => [line.at, line.text]),
      [
        [2, 'three'],
        [3, 'four'],
        [4, 'a very lo…'],
      ],
    );
  });
});
