import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { oneLine } from '../../src/util/oneLineLog';
import { iconSafe, markdownEscaped, plainText, untrustedText } from '../../src/util/untrustedText';

const MARKUP = '<b>x</b> **y** _z_ $(zap) [a](command:workbench.action.quit) a < b > c & d';
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];

/** What CommonMark renders for markdown made only of text and backslash escapes. */
function rendered(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('plainText', () => {
  it('keeps the characters as sent: <, >, **, _, $( ) and link syntax', () => {
    assert.equal(plainText(MARKUP), MARKUP);
  });

  it('removes every bidi control and the zero-width space, word joiner and BOM', () => {
    assert.equal(plainText(`a${BIDI.join('')}\u200b\u2060\ufeffb`), 'ab');
  });

  it('keeps the joiners that scripts and emoji sequences need', () => {
    assert.equal(plainText('👩\u200d💻 می\u200cخواهم'), '👩\u200d💻 می\u200cخواهم');
  });

  it('removes C0 and C1 controls and DEL', () => {
    assert.equal(plainText('a\u0000\u0007\u001b[31mb\u007f\u0090\u009fc'), 'a[31mbc');
  });

  it('makes one line: every whitespace run, line and paragraph separators included, is one space', () => {
    assert.equal(plainText('  a\r\n\n\tb\u0085c\u2028d\u2029 e \u202e\n f  '), 'a b c d e f');
  });

  it('bounds the length with an ellipsis', () => {
    const shown = plainText('x'.repeat(20_000), 50);
    assert.equal(shown.length, 50);
    assert.equal(shown, `${'x'.repeat(49)}…`);
  });

  it('never cuts a surrogate pair in half', () => {
    const shown = plainText(`${'x'.repeat(8)}😀😀`, 10);
    assert.equal(shown, `${'x'.repeat(8)}…`);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(shown), 'no lone high surrogate');
  });

  it('shows a value that is not a string instead of throwing', () => {
    assert.equal(plainText(42 as unknown as string), '42');
  });
});

describe('iconSafe', () => {
  it('escapes icon syntax the way VS Code escapeIcons does, and nothing else', () => {
    assert.equal(iconSafe('go $(zap) now $(sync~spin) $(not an icon) $('), 'go \\$(zap) now \\$(sync~spin) $(not an icon) $(');
  });

  it('keeps a backslash the server sent before icon syntax visible', () => {
    // The renderer turns `\$(zap)` into the text `$(zap)`; `\\$(zap)` shows `\$(zap)`.
    assert.equal(iconSafe('\\$(zap)'), '\\\\$(zap)');
  });

  it('is plain text otherwise: one line, no bidi, bounded', () => {
    assert.equal(iconSafe('<b>a</b>\n\u202eb', 100), '<b>a</b> b');
    assert.equal(iconSafe('y'.repeat(500), 20).length, 20);
  });
});

describe('markdownEscaped', () => {
  it('renders as exactly the plain text', () => {
    assert.equal(rendered(markdownEscaped(MARKUP)), MARKUP);
  });

  it('leaves no markdown, HTML, entity, link or autolink syntax unescaped', () => {
    const source = markdownEscaped('<b>x</b> &amp; **y** [a](command:x) https://example.com www.example.com # h | t ~~s~~');
    assert.ok(!/(^|[^\\])[<>&*[\]()#|~_`]/.test(source.replace(/\\\\/g, '')), source);
    assert.ok(!/https:\/\//.test(source) && !/www\.example/.test(source), source);
  });

  it('drops controls and bidi characters and keeps one line', () => {
    assert.equal(markdownEscaped('a\n\nb\u202ec'), 'a bc');
  });
});

describe('untrustedText (notifications and modal dialogs)', () => {
  it('breaks markdown links so a server cannot plant a command link', () => {
    const shown = untrustedText('click [here](command:workbench.action.terminal.sendSequence?%7B%7D)');
    assert.ok(!/\]\s*\(/.test(shown.replace(/\] \(/g, '')), shown);
    assert.match(shown, /here\] \(command: workbench/);
  });

  it('breaks a bare command: link', () => {
    assert.equal(untrustedText('run command:workbench.action.quit'), 'run command: workbench.action.quit');
    assert.equal(untrustedText('COMMAND:x'), 'COMMAND: x');
  });

  it('keeps <, > and other markup characters as sent', () => {
    assert.equal(untrustedText('<img src=x> **y** $(zap) a < b'), '<img src=x> **y** $(zap) a < b');
  });

  it('removes control and bidi characters and collapses whitespace', () => {
    assert.equal(untrustedText('a\u0000b\u202ec\n\n  d\u2067e'), 'abc de');
  });

  it('is idempotent, so a notice can be cleaned again as a whole', () => {
    const once = untrustedText(`${MARKUP}\ncommand:x`);
    assert.equal(untrustedText(once), once);
  });
});

describe('oneLine (log entries)', () => {
  it('keeps a line break in server text from starting a forged entry', () => {
    const line = oneLine(['[http] GET /getMessages 500 — boom\n2026-12-01 10:00:00.000 [info] [ack] 1 acknowledged\r\u202e']);
    assert.equal(line, '[http] GET /getMessages 500 — boom 2026-12-01 10:00:00.000 [info] [ack] 1 acknowledged');
  });

  it('writes an error with its stack on the same line', () => {
    const error = new Error('bad\nline');
    const line = oneLine(['[command] failed:', error]);
    assert.ok(!/[\r\n]/.test(line), line);
    assert.match(line, /^\[command\] failed: Error: bad line at /);
  });

  it('writes other arguments as JSON, and what JSON cannot write as a string', () => {
    const circular: { self?: unknown } = {};
    circular.self = circular;
    assert.equal(oneLine(['n', { a: 'x\ny' }, 3, undefined]), 'n {"a":"x\\ny"} 3 undefined');
    assert.equal(oneLine([circular]), '[object Object]');
  });
});

describe('Where the extension logs', () => {
  const src = path.join(__dirname, '..', '..', '..', 'src');
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      return entry.isDirectory() ? files(file) : entry.name.endsWith('.ts') ? [file] : [];
    });
  const using = (pattern: RegExp) =>
    files(src)
      .filter((file) => pattern.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(src, file));

  it('has one output channel, wrapped by oneLineLog, and no console output: every logged server text is one line', () => {
    const creators = using(/createOutputChannel\(/);
    assert.equal(creators.length, 1, `one file creates the channel: ${creators.join(', ')}`);
    assert.match(fs.readFileSync(path.join(src, creators[0]), 'utf8'), /const log = oneLineLog\(/);
    assert.deepEqual(using(/\bconsole\.|process\.(stdout|stderr)/), []);
  });
});
