/**
 * The real system of the model-based test: the extension in this host, the two local
 * ScrapeHub servers, and the scripted user. Keeps the bookkeeping the invariants need:
 * every key stored for each origin, every send intent and its allowed copies, and the
 * action a step started (which server and key, what the notices said).
 */
import * as vscode from 'vscode';
import type { TestingApi } from '../../../src/testing/testingApi';
import type { Notice } from '../../../src/ui/notifier';
import type { RunningScrapeHubServer } from '../../server/scrapeHubServer';
import { extensionApi, startServer } from '../harness';
import { answerNotice } from './notices';
import { ModelUser, script, type Interruption, type Script } from './modelUser';
import { KEY_ROLES, keyFor, otherServer, SERVER_NAMES, usersOf, type KeyRole, type ServerName } from './servers';

export interface Model {
  active: ServerName;
  keys: Record<ServerName, KeyRole>;
}

/** One send the user started: its unique text, and how many copies the user accepted. */
export interface Intent {
  token: string;
  server: ServerName;
  /** Resends pressed on a notice that said the message may have been delivered. */
  allowedResends: number;
}

export interface Action {
  kind: 'send' | 'ack' | 'other';
  server: ServerName;
  key: string | undefined;
  requestsBefore: Record<ServerName, number>;
  intent?: Intent;
  ackIds: string[];
  notices: Notice[];
}

export interface Stats {
  sequences: number;
  sends: number;
  acks: number;
  faults: number;
  resends: number;
  dismissed: number;
}

const POLL_MS = 5;

export class World {
  readonly servers = {} as Record<ServerName, RunningScrapeHubServer>;
  /** Every key ever stored for each server's origin: the only ones it may receive. */
  readonly keysSent: Record<ServerName, Set<string>> = { alpha: new Set(), beta: new Set() };
  readonly storedKey: Record<ServerName, string | undefined> = { alpha: undefined, beta: undefined };
  readonly intents: Intent[] = [];
  readonly violations: string[] = [];
  readonly stats: Stats = { sequences: 0, sends: 0, acks: 0, faults: 0, resends: 0, dismissed: 0 };
  readonly user: ModelUser;
  active: ServerName | undefined;
  action: Action | undefined;
  private nextToken = 1;
  private restorePrompts: (() => void) | undefined;
  private variant = 0;

  constructor(readonly api: TestingApi) {
    this.user = new ModelUser({ interrupt: (what) => this.interrupt(what), violation: (text) => this.violation(text) });
  }

  async start(): Promise<void> {
    for (const name of SERVER_NAMES) {
      this.servers[name] = await startServer({ users: usersOf(name) });
    }
    const config = vscode.workspace.getConfiguration('scrapehub');
    await config.update(
      'servers',
      SERVER_NAMES.map((name) => ({ name, url: this.servers[name].baseUrl })),
      vscode.ConfigurationTarget.Global,
    );
    await config.update('requestTimeoutSeconds', 0.25, vscode.ConfigurationTarget.Global);
    await config.update('refreshIntervalSeconds', 0, vscode.ConfigurationTarget.Global);
    await config.update('alerts.messageTypes', { KILL_REQUEST: false, START: false }, vscode.ConfigurationTarget.Global);
    // The view open, as a person has it: sends reveal their message in it.
    await vscode.commands.executeCommand('workbench.view.extension.scrapehub');
    this.api.observeNotifications((notice) => answerNotice(this, notice) as string | undefined);
    this.restorePrompts = this.api.usePrompts(this.user);
  }

  async stop(): Promise<void> {
    this.api.observeNotifications(undefined);
    // Later suites get the real prompts back (the real-quick-input suite needs them).
    this.restorePrompts?.();
    const config = vscode.workspace.getConfiguration('scrapehub');
    for (const setting of ['serverUrl', 'servers', 'requestTimeoutSeconds', 'refreshIntervalSeconds', 'alerts.messageTypes']) {
      await config.update(setting, undefined, vscode.ConfigurationTarget.Global);
    }
    await Promise.all(SERVER_NAMES.map((name) => this.servers[name].close()));
  }

  /**
   * A fresh sequence: seed data on both servers, operator keys, a clean store. It starts
   * on whichever server the last one ended on (alpha at first): the two are alike, and
   * this saves a settings write, the slowest thing a step does.
   */
  async reset(): Promise<Model> {
    const started = Date.now();
    this.tally();
    this.stats.sequences++;
    this.user.script = undefined;
    this.action = undefined;
    this.violations.length = 0;
    this.intents.length = 0;
    SERVER_NAMES.forEach((name) => this.servers[name].reset());
    this.variant = 1 - this.variant;
    await this.switchTo(this.active ?? 'alpha');
    const active = this.active ?? 'alpha';
    const other = otherServer(active);
    // What Set API Key in another window writes for the other server; nothing reacts to it yet.
    const otherKey = this.keyOf(other, 'operator');
    this.keysSent[other].add(otherKey);
    await this.api.keys.store(this.servers[other].origin, otherKey);
    this.storedKey[other] = otherKey;
    // A new key for the active server rebuilds the connection: nothing hidden, cached or waited for.
    await this.setKey(active, this.keyOf(active, 'operator'));
    await this.quiesce();
    SERVER_NAMES.forEach((name) => (this.servers[name].requests.length = 0));
    void vscode.commands.executeCommand('notifications.clearAll');
    if (process.env.SCRAPEHUB_TEST_FUZZ_TRACE === '1') console.log(`[model] reset: ${Date.now() - started} ms`);
    return { active, keys: { alpha: 'operator', beta: 'operator' } };
  }

  /** The key of `role` on `name` in this sequence. */
  keyOf(name: ServerName, role: KeyRole): string {
    return keyFor(name, role, role === 'operator' ? this.variant : 0);
  }

  /** What "Switch Server" in another window does: the global setting changes. */
  async switchTo(name: ServerName): Promise<void> {
    if (this.active === name) return;
    const target = this.servers[name];
    const before = target.requests.length;
    await vscode.workspace.getConfiguration('scrapehub').update('serverUrl', target.baseUrl, vscode.ConfigurationTarget.Global);
    this.active = name;
    if (this.storedKey[name] === undefined) {
      await this.until(() => this.api.store.state === 'noKey', `${name} asks for a key`);
    } else {
      // The store re-reads the user from the new server: proof the connection was rebuilt.
      await this.until(() => target.requests.length > before, `the extension talks to ${name}`);
    }
  }

  /** "Set API Key…" with the password box answered. */
  async setKey(name: ServerName, key: string): Promise<void> {
    this.keysSent[name].add(key);
    const outer = this.user.script;
    this.user.script = script({ key });
    try {
      await vscode.commands.executeCommand('scrapehub.setApiKey');
      if (this.user.script.key !== undefined) this.violation(`Set API Key did not ask for the key of ${name}`);
      this.storedKey[name] = key;
    } finally {
      this.user.script = outer;
    }
  }

  /** The model's view after an interruption the test itself caused (a switch or key change mid-step). */
  syncModel(model: Model): void {
    model.active = this.active ?? model.active;
    for (const name of SERVER_NAMES) {
      model.keys[name] = KEY_ROLES.find((role) => this.keyOf(name, role) === this.storedKey[name]) ?? model.keys[name];
    }
  }

  newIntent(server: ServerName): Intent {
    const intent = { token: `model-${this.nextToken++}`, server, allowedResends: 0 };
    this.intents.push(intent);
    return intent;
  }

  beginAction(kind: Action['kind'], model: Model): Action {
    const requestsBefore = { alpha: this.servers.alpha.requests.length, beta: this.servers.beta.requests.length };
    this.action = { kind, server: model.active, key: this.storedKey[model.active], requestsBefore, ackIds: [], notices: [] };
    return this.action;
  }

  /** Runs `command` with `s` as the user's script, then waits until the extension is idle. */
  async perform(s: Script, command: () => Thenable<unknown>): Promise<void> {
    this.user.script = s;
    try {
      await command();
      await this.quiesce();
    } finally {
      this.user.script = undefined;
    }
  }

  /** No refresh running, and whatever it started has had a turn. */
  async quiesce(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.until(() => !this.api.store.isRefreshing, 'the refresh in flight finished');
    await new Promise((resolve) => setImmediate(resolve));
  }

  violation(text: string): void {
    this.violations.push(text);
  }

  async until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async interrupt(what: Interruption['what']): Promise<void> {
    const active = this.active ?? 'alpha';
    if (what === 'switch') {
      await this.switchTo(otherServer(active));
    } else {
      const role: KeyRole = this.storedKey[active] === this.keyOf(active, 'admin') ? 'operator' : 'admin';
      await this.setKey(active, this.keyOf(active, role));
    }
  }

  /** Adds what the servers recorded since the last reset to the run's counts. */
  tally(): void {
    for (const name of SERVER_NAMES) {
      const requests = this.servers[name]?.requests ?? [];
      this.stats.sends += requests.filter((r) => r.path === '/sendMessage').length;
      this.stats.acks += requests.filter((r) => r.path === '/ackMessage').length;
      this.stats.faults += requests.filter((r) => r.fault !== undefined).length;
    }
  }
}

/** One World for the enclosing mocha suite: started before its tests, stopped after them. */
export function worldForSuite(): () => World {
  let world: World | undefined;
  before(async () => {
    world = new World(await extensionApi());
    await world.start();
  });
  after(async () => {
    await world?.stop();
  });
  return () => {
    if (!world) throw new Error("the World starts in the suite's before hook");
    return world;
  };
}
