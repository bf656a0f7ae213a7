/**
 * The Get Started walkthrough's steps and the context key that ticks each one. package.json
 * `contributes.walkthroughs` refers to the same keys (a test compares the two). Each key is
 * set by the extension only when the step is really done: a server the extension can use,
 * a key the server accepted, messages shown, a message the server took, an acknowledgement
 * the server confirmed — so a cancelled or failed attempt never ticks a step.
 */
export const WALKTHROUGH_ID = 'gettingStarted';

export const WALKTHROUGH_CONTEXT_KEYS = {
  configureServer: 'scrapehub.walkthrough.serverConfigured',
  setApiKey: 'scrapehub.walkthrough.keyAccepted',
  seeMessages: 'scrapehub.walkthrough.messagesSeen',
  sendMessage: 'scrapehub.walkthrough.sent',
  acknowledge: 'scrapehub.walkthrough.acknowledged',
} as const;

/** A walkthrough step id, as in package.json. */
export type WalkthroughStep = keyof typeof WALKTHROUGH_CONTEXT_KEYS;
