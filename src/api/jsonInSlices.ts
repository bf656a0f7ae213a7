/**
 * JSON.parse of a 10 MB answer (50,000 messages) holds the extension host for 100 ms or
 * more in one go, and nothing can interrupt it. For such bodies this finds the elements of
 * the top-level "messages" array with a light scan and parses them a few thousand at a
 * time, giving the event loop a turn between slices; the rest of the object is parsed with
 * the array left empty.
 *
 * The result is exactly JSON.parse's. Anything the scan does not expect (another layout,
 * a second "messages" key, broken JSON) makes it hand the whole text to JSON.parse, so
 * correctness never depends on the scanner, only speed does.
 */
import { SliceClock } from '../util/slices';

/** Elements per JSON.parse call: about 2 ms of parsing each on a slow machine. */
const ELEMENTS_PER_CHUNK = 1_000;

class Unexpected extends Error {}

/** JSON.parse(text), in slices when `text` has the usual shape. Throws what JSON.parse throws. */
export async function parseJsonInSlices(text: string): Promise<unknown> {
  let layout: Layout;
  try {
    layout = await findMessagesArray(text);
  } catch (error) {
    if (error instanceof Unexpected) {
      return JSON.parse(text);
    }
    throw error;
  }
  const clock = new SliceClock();
  const messages: unknown[] = [];
  for (let first = 0; first < layout.elements.length; first += ELEMENTS_PER_CHUNK) {
    const last = Math.min(first + ELEMENTS_PER_CHUNK, layout.elements.length) - 1;
    const chunk = JSON.parse(`[${text.slice(layout.elements[first], layout.ends[last])}]`) as unknown[];
    for (const element of chunk) {
      messages.push(element);
    }
    const pause = clock.tick();
    if (pause) {
      await pause;
    }
  }
  const rest = JSON.parse(`${text.slice(0, layout.arrayStart)}[]${text.slice(layout.arrayEnd)}`) as Record<string, unknown>;
  rest.messages = messages;
  return rest;
}

export interface Layout {
  /** Index of the "[" and just past the "]" of the messages array. */
  arrayStart: number;
  arrayEnd: number;
  /** Where each element starts, and just past where it ends. */
  elements: number[];
  ends: number[];
}

const enum Char {
  Quote = 34,
  Comma = 44,
  Colon = 58,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** Exported for the tests: proves the scan itself handles a body, not the JSON.parse fallback. */
export async function findMessagesArray(text: string): Promise<Layout> {
  const scanner = new Scanner(text);
  scanner.skipWhitespace();
  scanner.expect(Char.OpenBrace);
  let layout: Layout | undefined;
  scanner.skipWhitespace();
  if (scanner.peek() === Char.CloseBrace) {
    throw new Unexpected();
  }
  for (;;) {
    scanner.skipWhitespace();
    const key = scanner.readKey();
    scanner.skipWhitespace();
    scanner.expect(Char.Colon);
    scanner.skipWhitespace();
    if (key === 'messages') {
      if (layout) {
        throw new Unexpected(); // JSON.parse keeps the last one; let it decide.
      }
      layout = await scanner.readArrayElements();
    } else {
      scanner.skipValue();
    }
    scanner.skipWhitespace();
    const next = scanner.next();
    if (next === Char.CloseBrace) {
      break;
    }
    if (next !== Char.Comma) {
      throw new Unexpected();
    }
  }
  scanner.skipWhitespace();
  if (!layout || !scanner.atEnd()) {
    throw new Unexpected();
  }
  return layout;
}

class Scanner {
  private at = 0;
  private readonly clock = new SliceClock();

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.at >= this.text.length;
  }

  peek(): number {
    return this.text.charCodeAt(this.at);
  }

  next(): number {
    return this.text.charCodeAt(this.at++);
  }

  expect(code: number): void {
    if (this.next() !== code) {
      throw new Unexpected();
    }
  }

  skipWhitespace(): void {
    while (isWhitespace(this.text.charCodeAt(this.at))) {
      this.at++;
    }
  }

  readKey(): string {
    const start = this.at;
    this.skipString();
    try {
      return JSON.parse(this.text.slice(start, this.at)) as string;
    } catch {
      throw new Unexpected();
    }
  }

  /** From an opening quote to just past its closing quote; indexOf does the long runs. */
  skipString(): void {
    this.expect(Char.Quote);
    for (;;) {
      const quote = this.text.indexOf('"', this.at);
      if (quote < 0) {
        throw new Unexpected();
      }
      let backslashes = 0;
      while (this.text.charCodeAt(quote - 1 - backslashes) === Char.Backslash) {
        backslashes++;
      }
      this.at = quote + 1;
      if (backslashes % 2 === 0) {
        return;
      }
    }
  }

  /** Any value: strings and nested objects/arrays by their delimiters, literals up to the next delimiter. */
  skipValue(): void {
    const first = this.peek();
    if (first === Char.Quote) {
      this.skipString();
      return;
    }
    if (first === Char.OpenBrace || first === Char.OpenBracket) {
      let depth = 0;
      do {
        const code = this.peek();
        if (code === Char.Quote) {
          this.skipString();
          continue;
        }
        if (code === Char.OpenBrace || code === Char.OpenBracket) {
          depth++;
        } else if (code === Char.CloseBrace || code === Char.CloseBracket) {
          depth--;
        } else if (Number.isNaN(code)) {
          throw new Unexpected();
        }
        this.at++;
      } while (depth > 0);
      return;
    }
    const start = this.at;
    for (;;) {
      const code = this.peek();
      if (code === Char.Comma || code === Char.CloseBrace || code === Char.CloseBracket || isWhitespace(code) || Number.isNaN(code)) {
        break;
      }
      this.at++;
    }
    if (this.at === start) {
      throw new Unexpected();
    }
  }

  async readArrayElements(): Promise<Layout> {
    const arrayStart = this.at;
    this.expect(Char.OpenBracket);
    const elements: number[] = [];
    const ends: number[] = [];
    this.skipWhitespace();
    if (this.peek() === Char.CloseBracket) {
      this.at++;
      return { arrayStart, arrayEnd: this.at, elements, ends };
    }
    for (;;) {
      this.skipWhitespace();
      elements.push(this.at);
      this.skipValue();
      ends.push(this.at);
      this.skipWhitespace();
      const next = this.next();
      if (next === Char.CloseBracket) {
        return { arrayStart, arrayEnd: this.at, elements, ends };
      }
      if (next !== Char.Comma) {
        throw new Unexpected();
      }
      const pause = this.clock.tick();
      if (pause) {
        await pause;
      }
    }
  }
}
