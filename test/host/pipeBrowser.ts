import { format } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import { chromiumArgs } from './browser';
import { chromiumPath } from './hostPaths';
import { spawnInOwnProcessGroup, stopProcessGroup } from './processGroup';
import { registerCleanup } from './shutdown';
import { makeTempDir, removeDirs } from './tempDirs';

/**
 * Headless Chromium with one page, driven over the DevTools protocol on a pipe, with only
 * the Page, Runtime, Inspector and Emulation domains. For suites that only need the workbench to run: Playwright
 * enables the Network domain on every page, so Chromium copies each WebSocket frame between
 * workbench and extension host (about 75 MB in the integration suite) into the protocol,
 * and that cost a fifth of the suite's CPU. The e2e suite, which drives the UI, keeps Playwright.
 */
export interface PipePage {
  /** Calls `listener` with the text of each console message, formatted as the console does. */
  onConsole(listener: (text: string) => void): void;
  /** Defines `window[name](payload: string)` in every document, calling `listener`. */
  exposeBinding(name: string, listener: (payload: string) => void): Promise<void>;
  /** Runs `source` in every document before its own scripts. */
  addInitScript(source: string): Promise<void>;
  navigate(url: string): Promise<void>;
  /** A PNG of the page; undefined if that failed. */
  screenshot(): Promise<Buffer | undefined>;
  /** Resolves when the page's renderer crashed or the browser went away. */
  readonly crashed: Promise<string>;
  close(): Promise<void>;
}

interface ProtocolMessage {
  id?: number;
  sessionId?: string;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
}

interface RemoteObject {
  value?: unknown;
  description?: string;
}

/** Messages are JSON, each ended by a NUL byte, on fd 3 (to Chromium) and fd 4 (from it). */
class Pipe {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(result: Record<string, unknown>): void; reject(error: Error): void }>();
  private readonly listeners: Array<(message: ProtocolMessage) => void> = [];
  private buffered = '';

  constructor(
    private readonly output: Writable,
    input: Readable,
  ) {
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => this.receive(chunk));
    input.on('close', () => this.failAll(new Error('Chromium closed the DevTools pipe')));
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.output.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
    });
  }

  onEvent(listener: (message: ProtocolMessage) => void): void {
    this.listeners.push(listener);
  }

  private receive(chunk: string): void {
    const parts = (this.buffered + chunk).split('\0');
    this.buffered = parts.pop() ?? '';
    for (const part of parts) {
      const message = JSON.parse(part) as ProtocolMessage;
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (waiting) {
        this.pending.delete(message.id!);
        if (message.error) waiting.reject(new Error(message.error.message));
        else waiting.resolve(message.result ?? {});
      } else if (message.method) {
        this.listeners.forEach((listener) => listener(message));
      }
    }
  }

  private failAll(error: Error): void {
    this.pending.forEach((waiting) => waiting.reject(error));
    this.pending.clear();
  }
}

/** What Playwright also passes, and the suites rely on: timers run and popups open in a page nobody looks at. */
const unattendedArgs = [
  '--headless',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-ipc-flooding-protection',
  '--disable-hang-monitor',
  '--disable-popup-blocking',
  '--disable-extensions',
  '--disable-breakpad',
  '--password-store=basic',
];

export async function launchPipePage(): Promise<PipePage> {
  const profileDir = await makeTempDir('scrapehub-chromium-');
  const child = spawnInOwnProcessGroup(
    chromiumPath,
    [
      ...chromiumArgs,
      ...unattendedArgs,
      '--remote-debugging-pipe',
      `--user-data-dir=${profileDir}`,
      '--window-size=1400,900',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(`Chromium exited (${signal ?? code})`)));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.pid !== undefined) await stopProcessGroup(child.pid, 5_000);
    await removeDirs([profileDir]);
  };
  const unregister = registerCleanup(stop);
  try {
    const pipe = new Pipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
    const { targetInfos } = (await pipe.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string }> };
    const target = targetInfos.find((info) => info.type === 'page');
    if (!target) throw new Error('Chromium opened no page');
    const { sessionId } = (await pipe.send('Target.attachToTarget', { targetId: target.targetId, flatten: true })) as { sessionId: string };
    const send = (method: string, params?: Record<string, unknown>) => pipe.send(method, params, sessionId);
    const consoleListeners: Array<(text: string) => void> = [];
    const bindings = new Map<string, (payload: string) => void>();
    const crashed = new Promise<string>((resolve) => {
      pipe.onEvent((message) => {
        if (message.sessionId !== sessionId) return;
        if (message.method === 'Runtime.consoleAPICalled') {
          const args = (message.params!.args as RemoteObject[]).map((arg) => arg.value ?? arg.description);
          const text = format(...args);
          consoleListeners.forEach((listener) => listener(text));
        } else if (message.method === 'Runtime.bindingCalled') {
          const { name, payload } = message.params as { name: string; payload: string };
          bindings.get(name)?.(payload);
        } else if (message.method === 'Inspector.targetCrashed') {
          resolve('the workbench page crashed');
        }
      });
      void exited.then(resolve);
    });
    await Promise.all([
      send('Page.enable'),
      send('Runtime.enable'),
      send('Inspector.enable'),
      // A headless page has no focus of its own; the workbench (and the extension's polling) follow window focus.
      send('Emulation.setFocusEmulationEnabled', { enabled: true }),
    ]);
    return {
      onConsole: (listener) => consoleListeners.push(listener),
      async exposeBinding(name, listener) {
        bindings.set(name, listener);
        await send('Runtime.addBinding', { name });
      },
      async addInitScript(source) {
        await send('Page.addScriptToEvaluateOnNewDocument', { source });
      },
      async navigate(url) {
        const result = (await send('Page.navigate', { url })) as { errorText?: string };
        if (result.errorText) throw new Error(`could not open ${url}: ${result.errorText}`);
      },
      async screenshot() {
        const result = await send('Page.captureScreenshot', { format: 'png' }).catch(() => undefined);
        return typeof result?.data === 'string' ? Buffer.from(result.data, 'base64') : undefined;
      },
      crashed,
      async close() {
        await pipe.send('Browser.close').catch(() => undefined);
        unregister();
        await stop();
      },
    };
  } catch (error) {
    unregister();
    await stop();
    throw error;
  }
}
