/**
 * SAS-8: stop work before Lambda kills the sandbox mid-write. The signal fires `marginMs` before
 * the platform timeout so the handler can abort I/O, and the guard answers on its own at the same
 * moment so a handler that ignores the signal still produces a clean response instead of a
 * platform timeout (which API Gateway reports as a bare 502/504 with no correlation id).
 */
import type { LambdaContextLike, Middleware, ProtectionOptions } from '../core/types.js';

export interface DeadlineOptions extends ProtectionOptions {
  /** how long before the platform timeout to abort; default 500 ms */
  marginMs?: number;
  /** budget when the context has no getRemainingTimeInMillis (local runs, tests, containers) */
  timeoutMs?: number;
}

export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
  readonly statusCode = 504;
  readonly expose = false;
  readonly code = 'ETIMEDOUT';
  constructor(readonly budgetMs: number) {
    super(`invocation deadline exceeded after ${budgetMs} ms`);
  }
}

export interface Deadline {
  /** created on first read: most handlers never look at it, and an AbortController is not free */
  readonly signal: AbortSignal;
  /** rejects with DeadlineExceededError when the deadline passes; never settles once cleared */
  readonly expired: Promise<never>;
  /** the error `expired` rejected with, once it has */
  readonly error: DeadlineExceededError | undefined;
  clear(): void;
}

const DEFAULT_MARGIN_MS = 500;

export function validateDeadlineOptions(options: DeadlineOptions): void {
  for (const key of ['marginMs', 'timeoutMs'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      throw new TypeError(`deadline.${key} must be a finite number >= 0`);
    }
  }
}

/** Returns undefined when there is no budget to enforce, so callers skip timer work entirely. */
export function startDeadline(context: LambdaContextLike, options: DeadlineOptions = {}): Deadline | undefined {
  let remaining: number | undefined;
  if (typeof context.getRemainingTimeInMillis === 'function') {
    try {
      remaining = context.getRemainingTimeInMillis();
    } catch {
      remaining = undefined;
    }
  }
  remaining = typeof remaining === 'number' && Number.isFinite(remaining) ? remaining : options.timeoutMs;
  if (remaining === undefined) return undefined;

  return new InvocationDeadline(Math.max(0, remaining - (options.marginMs ?? DEFAULT_MARGIN_MS)));
}

/**
 * A class rather than closures: one of these is built per invocation, and per-invocation
 * allocations are what the garbage collector charges to every request.
 */
class InvocationDeadline implements Deadline {
  readonly expired: Promise<never>;
  error: DeadlineExceededError | undefined;
  private controller: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reject!: (error: DeadlineExceededError) => void;

  constructor(readonly budgetMs: number) {
    this.expired = new Promise<never>((_, reject) => {
      this.reject = reject;
    });
    // the race may already be settled by the handler; an unobserved rejection would crash Node
    this.expired.catch(noop);
    this.timer = setTimeout(expire, budgetMs, this);
    // a pending timer must never keep a local process or test runner alive
    this.timer.unref?.();
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.error) this.controller.abort(this.error);
    }
    return this.controller.signal;
  }

  fire(): void {
    this.timer = undefined;
    this.error = new DeadlineExceededError(this.budgetMs);
    this.controller?.abort(this.error);
    this.reject(this.error);
  }

  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function noop(): void {}

function expire(deadline: InvocationDeadline): void {
  deadline.fire();
}

const SIGNAL_SOURCE = Symbol('fnguard.signalSource');
const SIGNAL_VALUE = Symbol('fnguard.signal');

type SignalHolder = { [SIGNAL_SOURCE]?: Deadline; [SIGNAL_VALUE]?: AbortSignal };

function readSignal(this: SignalHolder): AbortSignal {
  let signal = this[SIGNAL_VALUE];
  if (!signal) {
    signal = this[SIGNAL_SOURCE]?.signal ?? new AbortController().signal;
    this[SIGNAL_VALUE] = signal;
  }
  return signal;
}

function writeSignal(this: SignalHolder, value: AbortSignal): void {
  this[SIGNAL_VALUE] = value;
}

/**
 * Puts a lazily created signal on the context: most handlers never read it, and an
 * AbortController is not free. Without a deadline the signal is a fresh one that never aborts.
 */
export function defineSignal(context: LambdaContextLike, deadline: Deadline | undefined): void {
  const holder = context as SignalHolder;
  holder[SIGNAL_SOURCE] = deadline;
  holder[SIGNAL_VALUE] = undefined;
  if (Object.getOwnPropertyDescriptor(context, 'signal')?.get !== readSignal) {
    Object.defineProperty(context, 'signal', { configurable: true, enumerable: false, get: readSignal, set: writeSignal });
  }
}

const INTERNAL_DEADLINE = 'fnguard.deadline';

/**
 * Middy form: hands out `context.signal` and clears the timer afterwards. Middy's core owns the
 * race against the handler (`timeoutEarlyInMillis`), so this middleware does not answer 504 itself.
 */
export function deadline(options: DeadlineOptions = {}): Middleware {
  validateDeadlineOptions(options);
  // Middy 6 skips every `after` when a `before` answers early, so the previous invocation's timer
  // may still be armed; a Lambda sandbox runs one invocation at a time, so clearing it here is safe
  let previous: Deadline | undefined;
  const clear = (request: { internal: Record<string, unknown> }) => {
    (request.internal[INTERNAL_DEADLINE] as Deadline | undefined)?.clear();
    request.internal[INTERNAL_DEADLINE] = undefined;
  };
  return {
    before(request) {
      previous?.clear();
      const started = startDeadline(request.context, options);
      previous = started;
      request.internal[INTERNAL_DEADLINE] = started;
      defineSignal(request.context, started);
    },
    after: clear,
    onError: clear,
  };
}
