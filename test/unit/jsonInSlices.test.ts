import * as assert from 'node:assert/strict';
import { findMessagesArray, parseJsonInSlices } from '../../src/api/jsonInSlices';

/** Same value as JSON.parse, or the same kind of failure. */
async function assertSameAsJsonParse(text: string): Promise<void> {
  let expected: unknown;
  try {
    expected = JSON.parse(text);
  } catch {
    await assert.rejects(parseJsonInSlices(text), SyntaxError, `JSON.parse refuses ${text.slice(0, 60)}`);
    return;
  }
  assert.deepEqual(await parseJsonInSlices(text), expected);
}

describe('parseJsonInSlices', () => {
  it('gives JSON.parse\'s value for getMessages bodies with awkward content', async () => {
    const awkward = [
      { id: 'a"b', message: 'brackets ] } [ { and "quotes" and \\\\ backslashes\\\\' },
      { id: 'c', message: 'ends with a backslash \\\\', nested: { list: [1, [2, { x: '}' }]], t: true, f: false, n: null } },
      { id: 'émoji 🛑', message: '\u2028 line separator, tab\t, newline\n' },
      'a bare string element',
      42.5e3,
      [],
      {},
    ];
    const bodies = [
      JSON.stringify({ success: true, messages: awkward }),
      JSON.stringify({ messages: awkward, success: true, after: { messages: 'not this one' } }, null, 2),
      ' \n{ "success" : true , "messages" : [ ] } \n',
    ];
    for (const text of bodies) {
      await assertSameAsJsonParse(text);
    }
    // And the scan itself understood them (not the JSON.parse fallback).
    assert.equal((await findMessagesArray(bodies[0])).elements.length, awkward.length);
    assert.equal((await findMessagesArray(bodies[1])).elements.length, awkward.length);
    assert.equal((await findMessagesArray(bodies[2])).elements.length, 0);
  });

  it('parses thousands of elements across chunk boundaries in order', async () => {
    const messages = Array.from({ length: 4_321 }, (_, i) => ({ id: `m-${i}`, message: i % 7 === 0 ? `with "${i}" ]` : `text ${i}` }));
    const value = (await parseJsonInSlices(JSON.stringify({ success: true, messages }))) as { messages: unknown[] };
    assert.deepEqual(value.messages, messages);
  });

  it('falls back to JSON.parse for other layouts, a repeated key, and broken JSON', async () => {
    for (const text of [
      '[1, 2, 3]',
      '{"success": true}',
      '{}',
      '{"messages": [1], "messages": [2]}',
      '{"success": true, "messages": [{"id": "a"},]}',
      '{"success": true, "messages": [{"id": "a"}',
      '{"success": true, "messages": [{"id": "a\\"}]}',
      '{"success": tru, "messages": []}',
      '{"success": true, "messages": []} trailing',
      '',
    ]) {
      await assertSameAsJsonParse(text);
    }
  });

  it('lets timers run while parsing a 50,000-message body', async () => {
    const messages = Array.from({ length: 50_000 }, (_, i) => ({ id: `m-${i}`, scraperName: `scraper-${i % 1000}`, message: `generated message ${i}` }));
    const text = JSON.stringify({ success: true, messages });
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    try {
      const value = (await parseJsonInSlices(text)) as { messages: unknown[] };
      assert.equal(value.messages.length, 50_000);
    } finally {
      clearInterval(timer);
    }
    assert.ok(turns > 0, 'parsing never paused');
  });
});
