/**
 * The person at the keyboard, as the model-based test scripts them: answers the
 * extension's questions from the current step's script, and may change the server or key
 * "in another window" while a question is open. A question the script has no answer for
 * is recorded as a violation and dismissed: the run fails, it never passes on a fake that
 * ran out of answers.
 */
import type { Back, ConfirmOptions, InputOptions, PickOptions, Prompts } from '../../../src/ui/prompts';

export type Interruption = { what: 'switch' | 'key'; at: 'flow' | 'confirm' | 'notice' };

export interface Script {
  /** The Send Message flow's answers (the text is the intent's unique token). */
  send?: { scraper: string; type: 'KILL_REQUEST' | 'START'; text: string };
  /** Answers to the confirmations the step expects (KILL_REQUEST, Acknowledge All), in order. */
  confirms: boolean[];
  /** Answer to a confirmation asked after a resend button was pressed. */
  afterResendConfirm?: boolean;
  /** For the API key box. */
  key?: string;
  /** How many times to press Retry / Send Again when a notice offers it. */
  resends: number;
  interrupt?: Interruption;
  /** Set once the interruption happened; every later question is then declined. */
  interrupted?: boolean;
  resendPressed?: boolean;
  asked: number;
}

/** What the user needs from the world: a way to interrupt and to report a violation. */
export interface UserHooks {
  interrupt(what: Interruption['what']): Promise<void>;
  violation(text: string): void;
}

const MAX_QUESTIONS = 15;
const NEVER_EXPIRES = { kind: 'none' };

export function script(parts: Partial<Script> = {}): Script {
  return { confirms: [], resends: 0, asked: 0, ...parts };
}

export class ModelUser implements Prompts {
  script: Script | undefined;
  declined = 0;

  constructor(private readonly hooks: UserHooks) {}

  async pick<T>(options: PickOptions<T>): Promise<T | Back | undefined> {
    const s = this.begin(`pick "${options.title}" (step ${options.step})`);
    if (!s?.send) {
      return s && this.unexpected(`pick "${options.title}" (step ${options.step})`);
    }
    if (options.step === 1) return this.choose(options, s.send.scraper, true);
    if (options.step === 2) return this.choose(options, s.send.type, false);
    if (options.step === 4) {
      await this.interruptAt(s, 'flow');
      return this.choose(options, NEVER_EXPIRES, false);
    }
    return this.unexpected(`pick "${options.title}" (step ${options.step})`);
  }

  async pickMany<T>(options: PickOptions<T>): Promise<T[] | undefined> {
    return this.begin(`pickMany "${options.title}"`) && this.unexpected(`pickMany "${options.title}"`);
  }

  async input(options: InputOptions): Promise<string | Back | undefined> {
    const s = this.begin(`input "${options.title}"`);
    if (s?.key !== undefined && options.password) {
      const key = s.key;
      s.key = undefined;
      return key;
    }
    if (s?.send && options.step === 3 && !options.password) {
      return s.send.text;
    }
    return s && this.unexpected(`input "${options.title}" (step ${options.step})`);
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    const s = this.begin(`confirm "${options.message}"`);
    if (!s) return false;
    if (s.confirms.length > 0) {
      // The question was open before the other window acted: the user answers it as planned.
      await this.interruptAt(s, 'confirm');
      return s.confirms.shift()!;
    }
    if (s.resendPressed && s.afterResendConfirm !== undefined) {
      return s.afterResendConfirm;
    }
    return this.unexpected(`confirm "${options.message}"`) ?? false;
  }

  async inform(options: { message: string; detail: string }): Promise<void> {
    if (this.begin(`inform "${options.message}"`)) this.unexpected(`inform "${options.message}"`);
  }

  /** For a notice's button: the interruption happens first when the script says so. */
  async pressAfterInterrupting(s: Script, button: string): Promise<string> {
    await this.interruptAt(s, 'notice');
    return button;
  }

  async interruptAt(s: Script, at: Interruption['at']): Promise<void> {
    if (s.interrupt?.at === at && !s.interrupted) {
      s.interrupted = true;
      const nested = this.script;
      await this.hooks.interrupt(s.interrupt.what);
      this.script = nested;
    }
  }

  /** The current script, or undefined (after recording why) when the question is not answered. */
  private begin(what: string): Script | undefined {
    const s = this.script;
    if (!s) {
      this.hooks.violation(`a question with no script: ${what}`);
      return undefined;
    }
    if (++s.asked > MAX_QUESTIONS) {
      this.hooks.violation(`more than ${MAX_QUESTIONS} questions in one step; last: ${what}`);
      return undefined;
    }
    if (s.interrupted) {
      // After a change of server or key, the user declines whatever is asked next.
      this.declined++;
      return undefined;
    }
    return s;
  }

  private unexpected(what: string): undefined {
    this.hooks.violation(`unexpected question: ${what}`);
    return undefined;
  }

  private choose<T>(options: PickOptions<T>, wanted: unknown, typed: boolean): T | undefined {
    const item = options.items.find((candidate) => JSON.stringify(candidate.value) === JSON.stringify(wanted));
    if (item) return item.value;
    if (typed && options.freeText && typeof wanted === 'string') return options.freeText.toValue(wanted);
    return this.unexpected(`no item ${JSON.stringify(wanted)} in "${options.title}"`);
  }
}
