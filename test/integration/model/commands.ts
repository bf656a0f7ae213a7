/**
 * The steps of the model-based test, each a fast-check AsyncCommand that drives the real
 * extension through its commands (as a person does: tree nodes, prompts, notice buttons)
 * and then checks the invariants against the servers' records.
 */
import type fc from 'fast-check';
import * as vscode from 'vscode';
import type { MessageNode, ScraperNode } from '../../../src/views/treeNodes';
import { checkAfterStep, treeMatchesServer } from './invariants';
import { script, type Interruption, type Script } from './modelUser';
import { FAULTS, otherServer, type FaultKind, type FaultOperation, type KeyRole } from './servers';
import type { Action, Model, World } from './world';

/** SCRAPEHUB_TEST_FUZZ_TRACE=1 logs every step with its duration, to see where a run spends its time. */
const trace = process.env.SCRAPEHUB_TEST_FUZZ_TRACE === '1';

export abstract class Step implements fc.AsyncCommand<Model, World> {
  protected abstract readonly kind: Action['kind'];
  check(): boolean {
    return true;
  }
  async run(model: Model, world: World): Promise<void> {
    const action = world.beginAction(this.kind, model);
    const started = Date.now();
    try {
      await this.act(model, world, action);
    } finally {
      world.action = undefined;
      world.syncModel(model);
      if (trace) console.log(`[model] ${this.toString()}: ${Date.now() - started} ms`);
    }
    checkAfterStep(world, action);
  }
  protected abstract act(model: Model, world: World, action: Action): Promise<void>;
  abstract toString(): string;
}

function scraperNodes(world: World): ScraperNode[] {
  return world.api.view.provider.getChildren().filter((node): node is ScraperNode => node.kind === 'scraper');
}

function messageNodes(world: World, scraper: ScraperNode): MessageNode[] {
  return world.api.view.provider.getChildren(scraper).filter((node): node is MessageNode => node.kind === 'message');
}

export class Refresh extends Step {
  protected readonly kind = 'other';
  protected async act(model: Model, world: World): Promise<void> {
    const started = Date.now();
    const before = world.api.store.lastUpdated;
    await world.perform(script(), () => vscode.commands.executeCommand('scrapehub.refresh'));
    const store = world.api.store;
    const fresh = store.lastUpdated !== before && (store.lastUpdated ?? 0) >= started && store.error === undefined;
    if (fresh && (store.state === 'ok' || store.state === 'empty')) {
      treeMatchesServer(world, model);
    }
  }
  toString(): string {
    return 'Refresh';
  }
}

export interface SendPlan {
  scraper: string;
  type: 'KILL_REQUEST' | 'START';
  fromNode: boolean;
  confirmKill: boolean;
  resends: number;
  confirmResend: boolean;
  interrupt?: Interruption;
}

export class Send extends Step {
  protected readonly kind = 'send';
  constructor(readonly plan: SendPlan) {
    super();
  }
  protected async act(model: Model, world: World, action: Action): Promise<void> {
    const { plan } = this;
    const intent = world.newIntent(model.active);
    action.intent = intent;
    const node = plan.fromNode ? scraperNodes(world).find((candidate) => candidate.name === plan.scraper) : undefined;
    const s: Script = script({
      send: { scraper: plan.scraper, type: plan.type, text: intent.token },
      confirms: plan.type === 'KILL_REQUEST' ? [plan.confirmKill] : [],
      afterResendConfirm: plan.confirmResend,
      resends: plan.resends,
      interrupt: plan.interrupt,
    });
    await world.perform(s, () => vscode.commands.executeCommand('scrapehub.sendMessage', node));
  }
  toString(): string {
    return `Send(${JSON.stringify(this.plan)})`;
  }
}

export class Acknowledge extends Step {
  protected readonly kind = 'ack';
  constructor(
    readonly pick: number,
    readonly count: number,
  ) {
    super();
  }
  protected async act(_model: Model, world: World, action: Action): Promise<void> {
    const groups = scraperNodes(world)
      .map((scraper) => messageNodes(world, scraper))
      .filter((nodes) => nodes.length > 0);
    if (groups.length === 0) return;
    const nodes = groups[this.pick % groups.length];
    const selection = nodes.slice(0, this.count);
    action.ackIds = selection.map((node) => node.message.id);
    await world.perform(script(), () => vscode.commands.executeCommand('scrapehub.acknowledgeMessage', selection[0], selection));
  }
  toString(): string {
    return `Acknowledge(scraper #${this.pick}, ${this.count} selected)`;
  }
}

export class AcknowledgeAll extends Step {
  protected readonly kind = 'ack';
  constructor(
    readonly pick: number,
    readonly confirm: boolean,
    readonly switchAtConfirm: boolean,
  ) {
    super();
  }
  protected async act(_model: Model, world: World, action: Action): Promise<void> {
    const scrapers = scraperNodes(world).filter((scraper) => messageNodes(world, scraper).length > 0);
    if (scrapers.length === 0) return;
    const scraper = scrapers[this.pick % scrapers.length];
    action.ackIds = messageNodes(world, scraper).map((node) => node.message.id);
    const interrupt: Interruption | undefined = this.switchAtConfirm ? { what: 'switch', at: 'confirm' } : undefined;
    await world.perform(script({ confirms: [this.confirm], interrupt }), () =>
      vscode.commands.executeCommand('scrapehub.acknowledgeAll', scraper),
    );
  }
  toString(): string {
    return `AcknowledgeAll(scraper #${this.pick}, confirm: ${this.confirm}${this.switchAtConfirm ? ', other window switches server during the confirmation' : ''})`;
  }
}

export class SwitchServer extends Step {
  protected readonly kind = 'other';
  protected async act(model: Model, world: World): Promise<void> {
    await world.switchTo(otherServer(model.active));
    await world.quiesce();
  }
  toString(): string {
    return 'SwitchServer';
  }
}

export class ChangeKey extends Step {
  protected readonly kind = 'other';
  constructor(readonly role: KeyRole) {
    super();
  }
  protected async act(model: Model, world: World): Promise<void> {
    await world.setKey(model.active, world.keyOf(model.active, this.role));
    await world.quiesce();
  }
  toString(): string {
    return `ChangeKey(${this.role})`;
  }
}

export class InjectFault extends Step {
  protected readonly kind = 'other';
  constructor(
    readonly onOther: boolean,
    readonly operation: FaultOperation,
    readonly fault: FaultKind,
  ) {
    super();
  }
  protected async act(model: Model, world: World): Promise<void> {
    const name = this.onOther ? otherServer(model.active) : model.active;
    world.servers[name].addFault({ operation: this.operation, times: 1, ...FAULTS[this.fault] });
  }
  toString(): string {
    return `Fault(${this.fault} on the next ${this.operation}${this.onOther ? ' of the other server' : ''})`;
  }
}
