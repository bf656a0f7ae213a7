import * as assert from 'node:assert/strict';
import { linkDraft, linkQuery, MAX_LINK_QUERY_LENGTH, parseDeepLink, type ParsedLink } from '../../src/model/deepLink';
import { matchLinkServer } from '../../src/model/linkServer';
import { readServerList } from '../../src/model/serverList';

/** What a handler sees for a link text: VS Code decodes the query once before handing it over. */
function parse(link: string): ParsedLink {
  const url = new URL(link);
  return parseDeepLink(url.pathname, decodeURIComponent(url.search.slice(1)));
}
const problem = (link: string): string => {
  const parsed = parse(link);
  assert.ok(!parsed.ok, `refused: ${link}`);
  return parsed.problem;
};
const BASE = 'vscode://scrapehub.scrapehub-messages';

describe('Deep links: reading a link', () => {
  it('reads an open link with a server and a message id', () => {
    assert.deepEqual(parse(`${BASE}/open?server=prod&message=m-17`), {
      ok: true,
      link: { action: 'open', server: 'prod', messageId: 'm-17' },
    });
  });

  it('reads a send link, each field optional but the server', () => {
    assert.deepEqual(parse(`${BASE}/send?server=prod&scraper=acme-prices&type=KILL_REQUEST&message=stop%20now`), {
      ok: true,
      link: { action: 'send', server: 'prod', scraperName: 'acme-prices', messageType: 'KILL_REQUEST', text: 'stop now' },
    });
    assert.deepEqual(parse(`${BASE}/send?server=prod`), { ok: true, link: { action: 'send', server: 'prod' } });
  });

  it('round-trips values with & = + % # through the query it builds', () => {
    const id = 'a&b=c+d%e#f/ü';
    const opened = parse(
      `${BASE}/open?${linkQuery([
        ['server', 'https://hub.example.com/scrapehub/api'],
        ['message', id],
      ])}`,
    );
    assert.deepEqual(opened, { ok: true, link: { action: 'open', server: 'https://hub.example.com/scrapehub/api', messageId: id } });
    const text = 'stop & go = 100% + #1';
    const sent = parse(
      `${BASE}/send?${linkQuery([
        ['server', 'prod'],
        ['message', text],
      ])}`,
    );
    assert.ok(sent.ok && sent.link.action === 'send' && sent.link.text === text, JSON.stringify(sent));
  });

  it('refuses a link without a server, or an open link without a message', () => {
    assert.match(problem(`${BASE}/open?message=m-17`), /does not name a server/);
    assert.match(problem(`${BASE}/open?server=prod`), /does not name a message/);
  });

  it('refuses unknown actions, unknown or repeated parts, and links that are too long', () => {
    assert.match(problem(`${BASE}/ack?server=prod&message=m-17`), /open a message \(\/open\) or the Send Message form/);
    assert.match(problem(`${BASE}/open?server=prod&message=m-17&ack=1`), /does not know \("ack"\)/);
    assert.match(problem(`${BASE}/open?server=prod&server=dev&message=m-17`), /names "server" twice/);
    assert.match(problem(`${BASE}/send?server=prod&message=${'x'.repeat(MAX_LINK_QUERY_LENGTH)}`), /too long/);
    assert.match(
      problem(`${BASE}/send?server=prod&message=${'x'.repeat(1001)}`),
      /"message" part of the link is too long \(1001 characters, at most 1000\)/,
    );
  });

  it('refuses control, bidi and zero-width characters in any field, and line breaks', () => {
    for (const hostile of ['acme\u202eprices', 'acme\u200bprices', 'acme\u0007', 'acme\nprices']) {
      assert.match(
        problem(`${BASE}/send?server=prod&scraper=${encodeURIComponent(hostile)}`),
        /invisible or control characters/,
        JSON.stringify(hostile),
      );
    }
    assert.match(problem(`${BASE}/open?server=prod%E2%80%AE&message=m-1`), /"server" part/);
    assert.match(problem(`${BASE}/send?server=prod&message=line%0Abreak`), /"message" part/);
    assert.match(problem(`${BASE}/open?server=prod&message=m%201`), /contains spaces/);
  });

  it('refuses a message type the contract does not know, and a scraper name the server would refuse', () => {
    assert.match(problem(`${BASE}/send?server=prod&type=kill_request`), /must be one of KILL_REQUEST, START/);
    assert.match(problem(`${BASE}/send?server=prod&scraper=${'s'.repeat(101)}`), /at most 100 characters/);
  });

  it('keeps icon syntax and markdown links as the text they are (the sinks escape them)', () => {
    const parsed = parse(`${BASE}/send?server=prod&message=${encodeURIComponent('$(zap) [run](command:scrapehub.acknowledgeAll)')}`);
    assert.ok(parsed.ok && parsed.link.action === 'send');
    assert.equal(parsed.link.text, '$(zap) [run](command:scrapehub.acknowledgeAll)');
  });

  it('starts the Send Message flow at the first step that still needs an answer; the expiry always does', () => {
    const at = (link: string) => {
      const parsed = parse(link);
      assert.ok(parsed.ok && parsed.link.action === 'send');
      return linkDraft(parsed.link).startAt;
    };
    assert.equal(at(`${BASE}/send?server=p&type=START&message=x`), 'scraper');
    assert.equal(at(`${BASE}/send?server=p&scraper=s&message=x`), 'type');
    assert.equal(at(`${BASE}/send?server=p&scraper=s&type=START`), 'text');
    assert.equal(at(`${BASE}/send?server=p&scraper=s&type=START&message=x`), 'expiry');
  });
});

describe('Deep links: which configured server a link names', () => {
  const list = readServerList([
    { name: 'Prod', url: 'https://hub.example.com' },
    { name: 'dev', url: 'http://localhost:3000/custom' },
  ]).servers;
  const prod = list[0].address;

  it('matches the active server by name (ignoring case), API URL or origin', () => {
    for (const value of ['prod', 'PROD', 'https://hub.example.com/scrapehub/api', 'https://hub.example.com', 'https://hub.example.com/']) {
      assert.deepEqual(matchLinkServer(value, list, prod), { kind: 'active' }, value);
    }
  });

  it('tells a configured server that is not the active one', () => {
    const match = matchLinkServer('http://localhost:3000', list, prod);
    assert.equal(match.kind, 'configured');
    assert.equal(match.kind === 'configured' && match.server.name, 'dev');
  });

  it('calls everything else unknown: other hosts, other paths, look-alikes, credentials, plain http', () => {
    for (const value of [
      'staging',
      'xprod',
      'prod2',
      'https://evil.example.com',
      'https://hub.example.com/other',
      'https://hub.example.com.evil.io',
      'https://user:pw@hub.example.com',
      'http://hub.example.com',
      'prod ',
    ]) {
      const match = matchLinkServer(value, list, value === 'prod ' ? undefined : prod);
      assert.equal(match.kind, value === 'prod ' ? 'configured' : 'unknown', value);
    }
  });

  it('matches an unnamed active server by its URL only', () => {
    const active = readServerList([{ name: 'x', url: 'https://solo.example.com' }]).servers[0].address;
    assert.deepEqual(matchLinkServer('https://solo.example.com', [], active), { kind: 'active' });
    assert.deepEqual(matchLinkServer('x', [], active), { kind: 'unknown' });
  });
});
