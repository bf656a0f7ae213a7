import * as assert from 'node:assert/strict';
import { AllMessagesFetcher } from '../../src/api/allMessages';
import { ScrapeHubClient } from '../../src/api/client';
import { parseServerUrl } from '../../src/api/serverUrl';
import { ackOnce } from '../../src/state/ackOutcome';
import type { ActiveServer } from '../../src/state/serverConnection';
import { startScrapeHubServer, type Fault, type RunningScrapeHubServer } from '../server/scrapeHubServer';

describe('ackOnce: what an acknowledgement answer means', () => {
  let server: RunningScrapeHubServer;
  let active: ActiveServer;

  before(async () => {
    server = await startScrapeHubServer({ seed: 'demo' });
    const parsed = parseServerUrl(server.baseUrl);
    assert.ok(parsed.ok);
    const client = new ScrapeHubClient({ address: parsed.address, getApiKey: async () => 'demo-key', timeoutMs: 300 });
    active = { address: parsed.address, client, allMessages: new AllMessagesFetcher(client), label: 'local' };
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const pendingId = () => server.messages.find((m) => m.acknowledgedAt === undefined && m.scraperName === 'acme-prices')!.id;
  async function kindWith(fault: Fault | undefined): Promise<string> {
    if (fault) {
      server.addFault({ operation: 'ackMessage', times: 1, ...fault });
    }
    return (await ackOnce(active, pendingId())).kind;
  }

  it('is acknowledged only for a 2xx with acknowledgedAt', async () => {
    assert.equal(await kindWith(undefined), 'acknowledged');
  });

  it('is already acknowledged for a 409', async () => {
    assert.equal(await kindWith({ status: 409 }), 'alreadyAcknowledged');
  });

  it('is unknown for a 404, a timeout, a 500 after handling, a 502 and a 2xx without acknowledgedAt', async () => {
    const faults: Fault[] = [
      { status: 404 },
      { hang: true },
      { status: 500, afterHandling: true },
      { status: 502 },
      { status: 200, body: { success: true } },
    ];
    const kinds = [];
    for (const fault of faults) {
      server.reset();
      kinds.push(await kindWith(fault));
    }
    assert.deepEqual(
      kinds,
      faults.map(() => 'unknown'),
    );
  });

  it('asks to retry later for a 429 or 503 with Retry-After', async () => {
    const outcome = await (server.addFault({ operation: 'ackMessage', times: 1, status: 429, headers: { 'Retry-After': '2' } }),
    ackOnce(active, pendingId()));
    assert.deepEqual(outcome.kind === 'retryLater' ? outcome.waitMs : outcome.kind, 2000);
    assert.equal(await kindWith({ status: 503, headers: { 'Retry-After': '1' } }), 'retryLater');
  });

  it('has certainly failed for a refusal the server made without acting: 400, 403, 501, 429 without Retry-After', async () => {
    const kinds = [];
    for (const status of [400, 403, 501, 429]) {
      kinds.push(await kindWith({ status }));
    }
    assert.deepEqual(kinds, ['failed', 'failed', 'failed', 'failed']);
  });
});
