/** The random steps of the model-based test and how often each comes up. */
import fc from 'fast-check';
import { Acknowledge, AcknowledgeAll, ChangeKey, InjectFault, Refresh, Send, SwitchServer, type SendPlan, type Step } from './commands';
import type { Interruption } from './modelUser';
import { FAULT_KINDS, KEY_ROLES, OPERATIONS, SCRAPERS } from './servers';

const interruption: fc.Arbitrary<Interruption | undefined> = fc.option(
  fc.record({
    what: fc.constantFrom<Interruption['what']>('switch', 'key'),
    at: fc.constantFrom<Interruption['at']>('flow', 'confirm', 'notice'),
  }),
  { freq: 3 },
);

const sendPlan: fc.Arbitrary<SendPlan> = fc
  .record({
    scraper: fc.constantFrom(...SCRAPERS),
    type: fc.constantFrom<SendPlan['type']>('START', 'KILL_REQUEST'),
    fromNode: fc.boolean(),
    confirmKill: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
    resends: fc.integer({ min: 0, max: 2 }),
    confirmResend: fc.boolean(),
    interrupt: interruption,
  })
  .map((plan) => {
    // An interruption at the confirmation needs one: only a confirmed KILL_REQUEST asks.
    const confirmable = plan.type === 'KILL_REQUEST' && plan.confirmKill;
    const interrupt = plan.interrupt?.at === 'confirm' && !confirmable ? undefined : plan.interrupt;
    return { ...plan, interrupt: interrupt ?? undefined };
  });

/**
 * Every step, weighted towards sends, acks and faults. SCRAPEHUB_TEST_FUZZ_SKIP (a regular
 * expression over the steps' descriptions) leaves steps out, to look past a failure
 * already known.
 */
export function stepArbitraries(): fc.Arbitrary<Step>[] {
  const skip = process.env.SCRAPEHUB_TEST_FUZZ_SKIP ? new RegExp(process.env.SCRAPEHUB_TEST_FUZZ_SKIP) : undefined;
  return allSteps().map((arbitrary) => (skip ? arbitrary.filter((step) => !skip.test(step.toString())) : arbitrary));
}

function allSteps(): fc.Arbitrary<Step>[] {
  const fault = fc
    .tuple(
      fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
      fc.constantFrom(...OPERATIONS),
      fc.constantFrom(...FAULT_KINDS),
    )
    .map(([onOther, operation, kind]) => new InjectFault(onOther, operation, kind));
  return [
    fc.constant(new Refresh()),
    sendPlan.map((plan) => new Send(plan)),
    sendPlan.map((plan) => new Send(plan)),
    fc.tuple(fc.nat(7), fc.integer({ min: 1, max: 3 })).map(([pick, count]) => new Acknowledge(pick, count)),
    fc
      .tuple(fc.nat(7), fc.boolean(), fc.boolean())
      .map(([pick, confirm, switchAtConfirm]) => new AcknowledgeAll(pick, confirm, switchAtConfirm)),
    fc.constant(new SwitchServer()),
    fc.constantFrom(...KEY_ROLES).map((role) => new ChangeKey(role)),
    fault,
    fault,
  ];
}
