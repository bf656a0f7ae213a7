import * as assert from 'node:assert/strict';
import { checkMessages } from '../../src/api/responseShapes';

const message = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  scraperId: 's',
  scraperName: 'a',
  messageType: 'START',
  createdAt: '2026-11-29T12:00:00Z',
  ...extra,
});

describe('checking getMessages bodies', () => {
  it('checks every message, up to the last of 100,000', () => {
    const messages: unknown[] = Array.from({ length: 100_000 }, (_, i) => message(`m-${i}`));
    const result = checkMessages({ success: true, messages: [...messages, { id: 'broken' }] });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problem, /messages\[100000\]\.scraperId is missing/);
  });

  it('copies only the contract fields, every copy with the same properties', () => {
    const result = checkMessages({
      success: true,
      messages: [message('m-1', { extra: 'x' }), message('m-2', { message: 'hi', expiresAt: 'later' })],
    });
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.map((checked) => Object.keys(checked)),
      [
        ['id', 'scraperId', 'scraperName', 'messageType', 'createdAt', 'message', 'expiresAt'],
        ['id', 'scraperId', 'scraperName', 'messageType', 'createdAt', 'message', 'expiresAt'],
      ],
    );
  });

  it('keeps one message per id, the first', () => {
    const result = checkMessages({
      success: true,
      messages: [message('m-1', { message: 'first' }), message('m-1', { message: 'again' }), message('m-2')],
    });
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.map((checked) => [checked.id, checked.message]),
      [
        ['m-1', 'first'],
        ['m-2', undefined],
      ],
    );
  });

  it('accepts a message type of any name, and empty texts', () => {
    const result = checkMessages({ success: true, messages: [message('m-1', { messageType: 'RESTART_WITH_PROXY', message: '' })] });
    assert.ok(result.ok);
    assert.equal(result.value[0].messageType, 'RESTART_WITH_PROXY');
    assert.equal(result.value[0].message, '');
  });
});
