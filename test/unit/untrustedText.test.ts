import * as assert from 'node:assert/strict';
import { untrustedText } from '../../src/util/untrustedText';

describe('untrustedText', () => {
  it('breaks markdown links so a server cannot plant a command link', () => {
    const shown = untrustedText('click [here](command:workbench.action.terminal.sendSequence?%7B%7D)');
    assert.ok(!/\]\(/.test(shown), shown);
    assert.match(shown, /here\] \(command:/);
  });

  it('neutralises HTML tags', () => {
    assert.ok(!/<img/.test(untrustedText('<img src=x onerror=alert(1)>')));
  });

  it('removes control and bidi-override characters and collapses whitespace', () => {
    assert.equal(untrustedText('a\u0000b\u202ec\n\n  d'), 'abc d');
  });

  it('bounds the length with an ellipsis', () => {
    const shown = untrustedText('x'.repeat(1000), 50);
    assert.equal(shown.length, 50);
    assert.ok(shown.endsWith('…'));
  });
});
