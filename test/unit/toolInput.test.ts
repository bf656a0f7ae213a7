import * as assert from 'node:assert/strict';
import { checkAckInput, checkListInput, checkSendInput, DEFAULT_LIST_LIMIT } from '../../src/tools/toolInput';
import { KillConfirmations, TOKEN_LIFETIME_MS } from '../../src/tools/killConfirmations';
import { ManualClock } from '../support/manualClock';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const problem = (checked: { ok: boolean; problem?: string }): string => {
  assert.equal(checked.ok, false, 'refused');
  return checked.problem!;
};

describe('Tool input: what a model sends is checked field by field', () => {
  it('list: optional filters, a default limit, and a clear word on a bad limit or an unknown field', () => {
    assert.deepEqual(checkListInput(undefined), { ok: true, value: { scraper: undefined, type: undefined, limit: DEFAULT_LIST_LIMIT } });
    assert.deepEqual(checkListInput({ scraper: ' acme ', type: 'START', limit: 3 }), {
      ok: true,
      value: { scraper: 'acme', type: 'START', limit: 3 },
    });
    assert.match(problem(checkListInput({ limit: 0 })), /"limit" must be a whole number from 1 to 200/);
    assert.match(problem(checkListInput({ limit: '5' })), /"limit"/);
    assert.match(problem(checkListInput({ scraper: 5 })), /"scraper" must be a string/);
    assert.match(problem(checkListInput({ scrapper: 'x' })), /Unknown field\(s\): scrapper\. Allowed: scraper, type, limit/);
    assert.match(problem(checkListInput('acme')), /JSON object/);
  });

  it('acknowledge: a non-empty array of id strings, at most 50, duplicates once', () => {
    assert.deepEqual(checkAckInput({ ids: ['a', ' a ', 'b'] }), { ok: true, value: { ids: ['a', 'b'] } });
    for (const bad of [{}, { ids: [] }, { ids: 'a' }, { ids: ['a', 3] }, { ids: [' '] }]) {
      assert.match(problem(checkAckInput(bad)), /"ids" must be a non-empty array/, JSON.stringify(bad));
    }
    assert.match(problem(checkAckInput({ ids: Array.from({ length: 51 }, (_, i) => `m${i}`) })), /At most 50 ids/);
  });

  it('send: builds the request the form would, with the expiry as an instant', () => {
    assert.deepEqual(
      checkSendInput({ scraperName: ' acme ', messageType: 'START', message: ' go ', expiresAt: '2026-12-01T14:00:00+01:00' }, NOW),
      {
        ok: true,
        value: {
          request: { scraperName: 'acme', messageType: 'START', message: 'go', expiresAt: '2026-12-01T13:00:00.000Z' },
          confirmationToken: undefined,
        },
      },
    );
    assert.deepEqual(checkSendInput({ scraperName: 'acme', messageType: 'KILL_REQUEST', message: '', confirmationToken: 'kill-x' }, NOW), {
      ok: true,
      value: { request: { scraperName: 'acme', messageType: 'KILL_REQUEST' }, confirmationToken: 'kill-x' },
    });
  });

  it('send: refuses what the server or the form would refuse, naming the field', () => {
    assert.match(problem(checkSendInput({ messageType: 'START' }, NOW)), /"scraperName" is required/);
    assert.match(problem(checkSendInput({ scraperName: 'x'.repeat(101), messageType: 'START' }, NOW)), /"scraperName": .*at most 100/);
    assert.match(
      problem(checkSendInput({ scraperName: 'acme', messageType: 'kill' }, NOW)),
      /"messageType" must be one of: KILL_REQUEST, START/,
    );
    assert.match(
      problem(checkSendInput({ scraperName: 'acme', messageType: 'START', expiresAt: '2026-12-01T11:00:00Z' }, NOW)),
      /"expiresAt": The expiry must be in the future/,
    );
    assert.match(
      problem(checkSendInput({ scraperName: 'acme', messageType: 'START', expiresAt: 'in 15 minutes' }, NOW)),
      /"expiresAt": Enter an ISO 8601/,
    );
    assert.match(problem(checkSendInput({ scraperName: 'acme', messageType: 'START', message: 42 }, NOW)), /"message" must be a string/);
    assert.match(problem(checkSendInput({ scraperName: 'acme', messageType: 'START', apiKey: 'x' }, NOW)), /Unknown field\(s\): apiKey/);
  });
});

describe('KILL_REQUEST confirmation tokens', () => {
  const serverA = {};
  const serverB = {};
  const kill = { scraperName: 'acme', messageType: 'KILL_REQUEST' as const, message: 'stop' };

  it('accepts its token once, for the same request on the same server, within the lifetime', () => {
    const tokens = new KillConfirmations<object>(new ManualClock(NOW));
    const { token, expiresAt } = tokens.issue(serverA, kill);
    assert.equal(expiresAt, NOW + TOKEN_LIFETIME_MS);
    assert.equal(tokens.check(token, serverA, { ...kill }), 'ok', 'checking does not spend it');
    assert.equal(tokens.redeem(token, serverA, { message: 'stop', messageType: 'KILL_REQUEST', scraperName: 'acme' }), 'ok');
    assert.equal(tokens.redeem(token, serverA, kill), 'unknown', 'a used token is refused');
  });

  it('refuses an expired token, one for another request or server, and spends it on the way', async () => {
    const clock = new ManualClock(NOW);
    const tokens = new KillConfirmations<object>(clock);
    const late = tokens.issue(serverA, kill).token;
    const other = tokens.issue(serverA, kill).token;
    const moved = tokens.issue(serverA, kill).token;
    assert.equal(tokens.redeem(other, serverA, { ...kill, message: 'stop now' }), 'otherRequest');
    assert.equal(tokens.redeem(other, serverA, kill), 'unknown', 'a mismatch spent it');
    assert.equal(tokens.redeem(moved, serverB, kill), 'otherServer');
    await clock.advance(TOKEN_LIFETIME_MS);
    assert.equal(tokens.check(late, serverA, kill), 'ok', 'still valid at the last millisecond');
    await clock.advance(1);
    assert.equal(tokens.redeem(late, serverA, kill), 'expired');
    assert.equal(tokens.redeem('kill-made-up', serverA, kill), 'unknown');
  });
});
