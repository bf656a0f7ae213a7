import * as assert from 'node:assert/strict';
import { isLoopbackHost, parseServerUrl } from '../../src/api/serverUrl';

function address(input: string) {
  const parsed = parseServerUrl(input);
  assert.ok(parsed.ok, `expected ${input} to be accepted, got: ${!parsed.ok && parsed.problem}`);
  return parsed.address;
}

function problem(input: string): string {
  const parsed = parseServerUrl(input);
  assert.ok(!parsed.ok, `expected ${input} to be refused`);
  return parsed.problem;
}

describe('parseServerUrl', () => {
  it('appends /scrapehub/api when only an origin is given', () => {
    assert.deepEqual(address('https://hub.example.com'), {
      baseUrl: 'https://hub.example.com/scrapehub/api',
      origin: 'https://hub.example.com',
    });
    assert.equal(address('https://hub.example.com/').baseUrl, 'https://hub.example.com/scrapehub/api');
  });

  it('keeps a custom base path and drops trailing slashes', () => {
    assert.equal(address('https://hub.example.com/custom/api///').baseUrl, 'https://hub.example.com/custom/api');
  });

  it('trims whitespace and lower-cases the origin', () => {
    assert.equal(address('  https://HUB.Example.com:8443/scrapehub/api ').origin, 'https://hub.example.com:8443');
  });

  it('allows plain http only for loopback hosts', () => {
    assert.equal(address('http://localhost:8787').origin, 'http://localhost:8787');
    assert.equal(address('http://127.0.0.1:8787/scrapehub/api').origin, 'http://127.0.0.1:8787');
    assert.equal(address('http://[::1]:8787').origin, 'http://[::1]:8787');
    assert.match(problem('http://hub.example.com'), /https/);
  });

  it('refuses user:password in the URL', () => {
    assert.match(problem('https://ada:secret@hub.example.com'), /user name or password/);
  });

  it('refuses other schemes, garbage, queries and empty input', () => {
    assert.match(problem('ftp://hub.example.com'), /scheme/);
    assert.match(problem('hub.example.com'), /valid URL|scheme/);
    assert.match(problem('https://hub.example.com/api?x=1'), /query/);
    assert.match(problem('   '), /Enter/);
  });
});

describe('isLoopbackHost', () => {
  it('recognises loopback names and addresses only', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]', 'demo.localhost']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of ['localhost.example.com', '10.0.0.1', '128.0.0.1', 'example.com', '127.0.0.1.nip.io']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});
