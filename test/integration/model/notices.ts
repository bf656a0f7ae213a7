/**
 * How the scripted user answers notifications (through the extension's testing API): a
 * resend button when the step's script says to press one, nothing for anything else.
 */
import type { Notice } from '../../../src/ui/notifier';
import type { World } from './world';

const RESEND_BUTTON = /^(retry|send again|send anyway|resend)\b/i;

/**
 * Records `notice` on the current step and answers it. A resend counts as accepted by the
 * user (invariant 2) only when the notice it answers says the message may have been
 * delivered. The answer is a promise when the script first changes the server or key
 * "in another window" while the notice is open; the notifier hands it to the extension.
 */
export function answerNotice(world: World, notice: Notice): string | undefined | Promise<string> {
  const action = world.action;
  action?.notices.push(notice);
  const s = world.user.script;
  const button = notice.actions.find((label) => RESEND_BUTTON.test(label));
  if (action?.kind === 'send' && s && !s.interrupted && s.resends > 0 && button) {
    s.resends--;
    s.resendPressed = true;
    world.stats.resends++;
    if (/may have been delivered/i.test(notice.message) && action.intent) {
      action.intent.allowedResends++;
    }
    return s.interrupt?.at === 'notice' ? world.user.pressAfterInterrupting(s, button) : button;
  }
  if (notice.actions.length > 0) world.stats.dismissed++;
  return undefined;
}
