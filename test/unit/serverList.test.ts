import * as assert from 'node:assert/strict';
import {
  findActiveServer,
  readServerList,
  validateNewServerUrl,
  validateServerName,
  withServerAdded,
  withServerRemoved,
} from '../../src/model/serverList';

describe('Server list (scrapehub.servers)', () => {
  it('reads named servers with their API URL and origin', () => {
    const list = readServerList([
      { name: ' dev ', url: 'http://localhost:3000' },
      { name: 'prod', url: 'https://hub.example.com/api/' },
    ]);
    assert.deepEqual(list.unusable, []);
    assert.deepEqual(
      list.servers.map((s) => [s.name, s.address.baseUrl, s.address.origin, s.index]),
      [
        ['dev', 'http://localhost:3000/scrapehub/api', 'http://localhost:3000', 0],
        ['prod', 'https://hub.example.com/api', 'https://hub.example.com', 1],
      ],
    );
  });

  it('reports entries without a usable URL, keeping the rest', () => {
    const list = readServerList([
      { name: 'plain', url: 'http://hub.example.com' },
      { name: 'ok', url: 'https://hub.example.com' },
    ]);
    assert.deepEqual(
      list.servers.map((s) => s.name),
      ['ok'],
    );
    assert.equal(list.unusable.length, 1);
    assert.equal(list.unusable[0].label, 'plain');
    assert.match(list.unusable[0].problem, /Use https:\/\//);
  });

  it('reports missing fields, duplicate names (any case) and duplicate URLs', () => {
    const list = readServerList([
      { name: 'a', url: 'https://a.example.com' },
      { url: 'https://b.example.com' },
      { name: 'A', url: 'https://c.example.com' },
      { name: 'b', url: 'https://a.example.com/scrapehub/api' },
      'https://d.example.com',
    ]);
    assert.deepEqual(
      list.servers.map((s) => s.name),
      ['a'],
    );
    assert.deepEqual(
      list.unusable.map((u) => [u.label, u.index]),
      [
        ['entry 2', 1],
        ['A', 2],
        ['b', 3],
        ['entry 5', 4],
      ],
    );
    assert.match(list.unusable[1].problem, /already a server named "a"/);
    assert.match(list.unusable[2].problem, /Same URL as "a"/);
  });

  it('says so when the setting is not a list', () => {
    assert.match(readServerList({ dev: 'https://x' }).unusable[0].problem, /must be a list/);
    assert.deepEqual(readServerList(undefined), { servers: [], unusable: [] });
  });

  it('validates a new name: not empty, not too long, no control characters, unique', () => {
    const { servers } = readServerList([{ name: 'prod', url: 'https://hub.example.com' }]);
    assert.match(validateServerName('  ', servers)!, /Enter a name/);
    assert.match(validateServerName('x'.repeat(41), servers)!, /at most 40/);
    assert.match(validateServerName('a\u0007b', servers)!, /control characters/);
    assert.match(validateServerName('PROD', servers)!, /already a server named "prod"/);
    assert.equal(validateServerName('staging', servers), undefined);
  });

  it('validates a new URL: the usual URL rules, and not already in the list', () => {
    const { servers } = readServerList([{ name: 'prod', url: 'https://hub.example.com' }]);
    assert.match(validateNewServerUrl('https://hub.example.com/scrapehub/api', servers)!, /already in the list as "prod"/);
    assert.match(validateNewServerUrl('http://hub.example.org', servers)!, /Use https/);
    assert.equal(validateNewServerUrl('https://hub.example.org', servers), undefined);
  });

  it('names the active server by its API URL', () => {
    const list = readServerList([
      { name: 'dev', url: 'http://localhost:3000' },
      { name: 'prod', url: 'https://hub.example.com' },
    ]);
    assert.equal(findActiveServer(list, list.servers[1].address)?.name, 'prod');
    assert.equal(
      findActiveServer(list, { baseUrl: 'https://other.example.com/scrapehub/api', origin: 'https://other.example.com' }),
      undefined,
    );
    assert.equal(findActiveServer(list, undefined), undefined);
  });

  it('adds and removes entries without touching the others, even unusable ones', () => {
    const raw = [
      { name: 'broken', url: 'ftp://x' },
      { name: 'dev', url: 'http://localhost:3000', note: 'mine' },
    ];
    assert.deepEqual(withServerAdded(raw, ' prod ', 'https://hub.example.com/scrapehub/api'), [
      ...raw,
      { name: 'prod', url: 'https://hub.example.com/scrapehub/api' },
    ]);
    assert.deepEqual(withServerRemoved(raw, 0), [raw[1]]);
    assert.deepEqual(withServerAdded(undefined, 'a', 'https://a.example.com/scrapehub/api'), [
      { name: 'a', url: 'https://a.example.com/scrapehub/api' },
    ]);
  });
});
