/**
 * The part of `npm run bench` that runs inside a real VS Code extension host (loaded
 * like a test runner: `run()`). It measures the production bundle the host loaded:
 * activation, refresh of generated data from ScrapeHub servers running in another
 * process (so their work never counts against us), the longest event-loop block and the
 * heap the data keeps alive. It writes numbers, not verdicts; test/bench/run.ts judges.
 */
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { constants, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { ScrapeHubExtensionApi } from '../../../src/extension';
import type { TestingApi } from '../../../src/testing/testingApi';
import { EXTENSION_ID, setApiKey, setServerUrl, waitFor } from '../../integration/harness';
import type { BenchResults, BenchServers, RefreshSample } from '../results';
import { measureUnchangedPolls } from './unchangedPoll';

const ACTIVATIONS = 25;
const WARM_UP_REFRESHES = 3;
const MEASURED_REFRESHES = 15;

export async function run(): Promise<void> {
  const outFile = requiredEnv('SCRAPEHUB_TEST_BENCH_OUT');
  const servers = JSON.parse(requiredEnv('SCRAPEHUB_TEST_BENCH_SERVERS')) as BenchServers;
  const extension = vscode.extensions.getExtension<ScrapeHubExtensionApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not installed in this host`);
  }
  // Automatic polling off: only the bench's own refreshes run, none lands in an idle window.
  // Set before activating, so no activation sees the setting change.
  await vscode.workspace.getConfiguration('scrapehub').update('refreshIntervalSeconds', 0, vscode.ConfigurationTarget.Global);
  const first = await extension.activate();
  if (!first.testing) {
    throw new Error('the extension must run in test mode');
  }
  const { activation, api } = await measureActivations(extension.extensionPath, first);

  const results: BenchResults = { activation, refresh: {}, longestBlockMs: 0, retainedHeapBytes: 0, heapAfterReleaseBytes: 0 };
  await connectTo(api, servers.empty);
  const gc = exposeGc();
  const baseline = settledHeap(gc);

  for (const size of Object.keys(servers.sized)
    .map(Number)
    .sort((a, b) => a - b)) {
    const server = servers.sized[size];
    if (size === servers.blockingSize) {
      // The worst case: the first load (everything new), then a refresh with one change.
      const blockProfile = process.env.SCRAPEHUB_TEST_BENCH_PROFILE_BLOCK;
      const measureBlock = (action: () => Promise<void>) =>
        longestBlockDuring(blockProfile ? () => profiled(blockProfile, action) : action);
      results.longestBlockMs = await measureBlock(async () => {
        await connectTo(api, server);
        materialiseVisibleLevel(api);
        await sendOneMessage(api, server, -1);
        await api.store.refresh();
        materialiseVisibleLevel(api);
      });
    } else {
      await connectTo(api, server);
    }
    const profileFile = size === servers.heapSize ? process.env.SCRAPEHUB_TEST_BENCH_PROFILE : undefined;
    results.refresh[size] = profileFile
      ? await profiled(profileFile, () => measureRefreshes(api, server))
      : await measureRefreshes(api, server);
    if (size === servers.heapSize) {
      results.unchangedPoll = await measureUnchangedPolls(api);
      materialiseVisibleLevel(api);
      results.retainedHeapBytes = settledHeap(gc) - baseline;
    }
  }
  await connectTo(api, servers.empty);
  results.heapAfterReleaseBytes = settledHeap(gc) - baseline;
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(results, null, 2));
}

/**
 * Re-activates the extension the way VS Code does, with the context VS Code gave it:
 * dispose what the last activation registered, load the entry afresh, call activate().
 * Measures loading the bundle (require) and the activate() call separately.
 *
 * Each activation creates the log channel, and VS Code creates channels asynchronously:
 * disposing one before that finished would leave VS Code handing out the disposed channel
 * to every later activation, so each activation gets a moment before it is disposed.
 */
async function measureActivations(extensionPath: string, first: ScrapeHubExtensionApi) {
  const entryFile = require.resolve(path.join(extensionPath, 'dist', 'extension.js'));
  const activation: BenchResults['activation'] = { loadMs: [], activateMs: [] };
  let exported = first;
  const context = first.testing?.extensionContext;
  for (let i = 0; i < ACTIVATIONS; i++) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (!context) throw new Error('no extension context to re-activate with');
    for (const disposable of context.subscriptions.splice(0)) {
      disposable.dispose();
    }
    delete require.cache[entryFile];
    const loadStarted = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const entry = require(entryFile) as { activate(context: vscode.ExtensionContext): ScrapeHubExtensionApi };
    const activateStarted = performance.now();
    exported = entry.activate(context);
    activation.loadMs.push(activateStarted - loadStarted);
    activation.activateMs.push(performance.now() - activateStarted);
  }
  const api = exported.testing;
  if (!api) {
    throw new Error('re-activation did not return the testing API');
  }
  return { activation, api };
}

async function connectTo(api: TestingApi, server: { url: string; key: string }): Promise<void> {
  await setServerUrl(server.url);
  await waitFor(() => api.view.provider !== undefined && api.store.state !== 'noServer', `server ${server.url} applied`, 30_000);
  await setApiKey(api, server.key);
  await api.store.refresh({ manual: true });
  await waitFor(() => api.store.state === 'ok' || api.store.state === 'empty', `data from ${server.url}`, 60_000);
}

/**
 * Each measured refresh sees one new message (sent by the admin, as a colleague would),
 * so the tree really has something to update, as in a live session. Measured from outside
 * the store: wall time from refresh() to its onDidChange (what the view redraws from); the
 * CPU time of the whole process (every thread, the parse worker included) and of the main
 * thread alone, for the refresh and the tree items; the main thread's GC pauses; and
 * whether V8 was collecting the host's whole heap meanwhile. The servers run in another
 * process, so none of their work counts.
 */
async function measureRefreshes(api: TestingApi, server: { url: string; adminKey: string }): Promise<RefreshSample[]> {
  const measured: Array<Awaited<ReturnType<typeof measureRefresh>>> = [];
  const pauses: Array<{ at: number; ms: number; major: boolean }> = [];
  const gcObserver = new PerformanceObserver((list) =>
    list.getEntries().forEach((entry) => {
      const { kind } = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail ?? {};
      // Incremental marking steps, and the pause that ends a major collection.
      const major = kind === constants.NODE_PERFORMANCE_GC_MAJOR || kind === constants.NODE_PERFORMANCE_GC_INCREMENTAL;
      pauses.push({ at: entry.startTime, ms: entry.duration, major });
    }),
  );
  gcObserver.observe({ entryTypes: ['gc'] });
  try {
    for (let i = 0; i < WARM_UP_REFRESHES + MEASURED_REFRESHES; i++) {
      const refresh = await measureRefresh(api, server, i);
      if (i >= WARM_UP_REFRESHES) measured.push(refresh);
    }
    // gc entries arrive some time after the collection.
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    gcObserver.disconnect();
  }
  return measured.map(({ sample, started, ended }) => {
    const during = pauses.filter(({ at }) => at >= started && at < ended);
    return {
      ...sample,
      gcMs: during.reduce((total, pause) => total + pause.ms, 0),
      majorGc: during.some((pause) => pause.major),
    };
  });
}

/** The main thread's own CPU (Node 22.19 and later), else undefined. */
const threadCpuUsage = (process as { threadCpuUsage?: (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage }).threadCpuUsage?.bind(process);

async function measureRefresh(
  api: TestingApi,
  server: { url: string; adminKey: string },
  i: number,
): Promise<{ sample: Omit<RefreshSample, 'majorGc' | 'gcMs'>; started: number; ended: number }> {
  await sendOneMessage(api, server, i);
  let changedAt: number | undefined;
  const listener = api.store.onDidChange(() => (changedAt ??= performance.now()));
  const mainBefore = threadCpuUsage?.();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    await api.store.refresh();
  } finally {
    listener.dispose();
  }
  const totalMs = performance.now() - started;
  if (changedAt === undefined || api.store.state !== 'ok') {
    throw new Error(`refresh from ${server.url} did not succeed: ${api.store.state} ${api.store.error?.message ?? ''}`);
  }
  const itemsMs = materialiseVisibleLevel(api);
  const cpu = process.cpuUsage(cpuBefore);
  const main = mainBefore && threadCpuUsage?.(mainBefore);
  const ended = performance.now();
  const messages = api.store.groups().reduce((total, group) => total + group.messages.length, 0);
  const sample = {
    messages,
    changeMs: changedAt - started,
    itemsMs,
    totalMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    mainCpuMs: main && (main.user + main.system) / 1000,
  };
  return { sample, started, ended };
}

/** What VS Code asks for after a change: the root nodes and a TreeItem for each. Returns ms. */
function materialiseVisibleLevel(api: TestingApi): number {
  const started = performance.now();
  const provider = api.view.provider;
  for (const node of provider.getChildren()) {
    provider.getTreeItem(node);
  }
  return performance.now() - started;
}

/** To the first scraper shown (generated names are as wide as the number of scrapers needs). */
async function sendOneMessage(api: TestingApi, server: { url: string; adminKey: string }, i: number): Promise<void> {
  const scraperName = api.store.groups()[0]?.name;
  if (!scraperName) {
    throw new Error(`no scraper shown for ${server.url} to send a bench message to`);
  }
  const response = await fetch(new URL('sendMessage', server.url.endsWith('/') ? server.url : `${server.url}/`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': server.adminKey },
    body: JSON.stringify({ scraperName, messageType: 'START', message: `bench ${i}` }),
  });
  if (!response.ok) {
    throw new Error(`could not send a bench message: HTTP ${response.status} ${await response.text()}`);
  }
}

/** The longest time the event loop was blocked while `action` ran (libuv timer delay, 1 ms resolution). */
async function longestBlockDuring(action: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await action();
  await new Promise((resolve) => setTimeout(resolve, 50));
  histogram.disable();
  return histogram.max / 1e6;
}

/** Records a CPU profile (Chrome DevTools format) of `action` into `file`. */
async function profiled<T>(file: string, action: () => Promise<T>): Promise<T> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  try {
    return await action();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

function exposeGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function settledHeap(gc: () => void): number {
  for (let i = 0; i < 3; i++) {
    gc();
  }
  return v8.getHeapStatistics().used_heap_size;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this through \`npm run bench\``);
  }
  return value;
}
