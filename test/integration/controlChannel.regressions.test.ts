/**
 * Sequences the control-channel model test found (shrunk), kept as plain tests: the same
 * steps and invariants (test/integration/model), with fixed values, each named by the
 * behaviour it guards.
 */
import * as assert from 'node:assert/strict';
import { Acknowledge, AcknowledgeAll, InjectFault, Refresh, Send, type SendPlan, type Step } from './model/commands';
import { otherServer, type ServerName } from './model/servers';
import { worldForSuite } from './model/world';

const START: SendPlan = { scraper: 'acme-prices', type: 'START', fromNode: false, confirmKill: true, resends: 0, confirmResend: false };
const KILL: SendPlan = { ...START, type: 'KILL_REQUEST' };

describe('Control channel regressions', () => {
  const current = worldForSuite();

  /** Runs the steps from a fresh start; resolves to the server the sequence started on. */
  async function run(...steps: Step[]): Promise<ServerName> {
    const world = current();
    const model = await world.reset();
    const startedOn = model.active;
    for (const step of steps) {
      await step.run(model, world);
    }
    return startedOn;
  }

  const postsToTheOther = (startedOn: ServerName, path: string) =>
    current().servers[otherServer(startedOn)].requests.filter((r) => r.path === path);

  it('a KILL_REQUEST confirmed after another window switched the server never reaches the new server', async () => {
    const startedOn = await run(new Send({ ...KILL, interrupt: { what: 'switch', at: 'confirm' } }));
    assert.deepEqual(postsToTheOther(startedOn, '/sendMessage'), []);
  });

  it('a send confirmed after the key changed is not sent with the new key', async () => {
    await run(new Send({ ...KILL, interrupt: { what: 'key', at: 'confirm' } }));
  });

  it('a send whose flow was open while the server switched never reaches the new server', async () => {
    const startedOn = await run(new Send({ ...START, interrupt: { what: 'switch', at: 'flow' } }));
    assert.deepEqual(postsToTheOther(startedOn, '/sendMessage'), []);
  });

  it('Retry on a failure notice that outlived a server switch is refused, not sent to the new server', async () => {
    const startedOn = await run(
      new InjectFault(false, 'sendMessage', 'fail500'),
      new Send({ ...START, resends: 1, interrupt: { what: 'switch', at: 'notice' } }),
    );
    assert.deepEqual(postsToTheOther(startedOn, '/sendMessage'), []);
  });

  it('Acknowledge All confirmed after another window switched the server posts nothing to the new server', async () => {
    const startedOn = await run(new AcknowledgeAll(0, true, true));
    assert.deepEqual(postsToTheOther(startedOn, '/ackMessage'), []);
  });

  it('an acknowledgement answered 404 is not reported as done, and the message comes back after a refresh', async () => {
    await run(new InjectFault(false, 'ackMessage', 'notFound'), new Acknowledge(0, 1), new Refresh());
  });

  it('a send answered 500 after the server stored it is not resent by a plain Retry', async () => {
    await run(new InjectFault(false, 'sendMessage', 'after500'), new Send({ ...START, resends: 1 }));
  });

  it('a send answered 2xx without a messageId is not resent by a plain Retry', async () => {
    await run(new InjectFault(false, 'sendMessage', 'afterNoField'), new Send({ ...START, resends: 1 }));
  });
});
