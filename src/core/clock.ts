// The only place that reads wall time or arms timers for domain timing (with clock-instant.ts,
// which runs one instant of the manual clock).
// Three modes share one priority queue of tasks keyed by simulated time:
//  - real:   simulated time = wall time;
//  - scaled: simulated time runs `scale` times faster than wall time;
//  - manual: time moves only through advance(), which runs every due task in time order
//            and waits for the tasks' promises (so a webhook's first attempt is done).
//            Tasks due at the same instant run one after another within a lane (e.g. one
//            session) and concurrently across lanes (started in order); every task of an
//            instant has finished before a later instant starts.
// Real and scaled modes run due tasks without awaiting them. Both start a burst of due tasks
// in slices of about a millisecond with I/O in between, so the first tasks' requests go out
// and their answers come in while later tasks are still being started.
import { ClockTask, runInstant, SLICE_MS, type Entry } from './clock-instant.js';
import { TaskQueue } from './task-queue.js';

export type ClockMode = 'real' | 'scaled' | 'manual';

export interface ClockOptions {
  readonly mode: ClockMode;
  /** Simulated milliseconds per real millisecond (scaled mode). */
  readonly scale?: number;
  /** Simulated epoch milliseconds at creation (manual and scaled). */
  readonly start?: number;
  /** Receives errors thrown by tasks; tasks must not take the clock down. */
  readonly onTaskError?: (error: unknown) => void;
}

export interface ScheduledTask {
  readonly at: number;
  cancel(): void;
}

export interface Clock {
  readonly mode: ClockMode;
  readonly scale: number;
  now(): number;
  iso(): string;
  /**
   * Runs `task` at simulated time `at`. `lane` matters in manual mode only: tasks due at
   * the same instant in one lane (or all without a lane) run one after another, in the
   * order they were scheduled; different lanes run concurrently.
   */
  schedule(at: number, task: () => unknown, lane?: string): ScheduledTask;
  /**
   * The same for `task(arg)`: a task shared by many sessions (MetaMap's expiry of every
   * verification) needs no closure per session, kept until it is due.
   */
  scheduleCall<T>(at: number, task: (arg: T) => unknown, arg: T, lane?: string): ScheduledTask;
  /** Manual mode only: move time forward by `ms`, running due tasks in order. */
  advance(ms: number): Promise<number>;
  /** Number of tasks still waiting for their time. */
  pending(): number;
  /** Time of the next task, if any. */
  nextAt(): number | undefined;
  /** Resolves when no task is running. */
  idle(): Promise<void>;
  /** Drops every waiting task and, in manual mode, returns to the start time. */
  reset(): void;
  close(): void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
/** Real and scaled modes: how many tasks one slice may start at most. */
const SLICE_TASKS = 64;
/** What run() answers for a task that did not answer a promise. */
const DONE: Promise<unknown> = Promise.resolve();

export interface WallTimer {
  cancel(): void;
}

/**
 * Wall-clock epoch milliseconds, for facts that come from the real world rather than the
 * simulation (e.g. when a receiver answered, to read its HTTP-date Retry-After).
 */
export function wallNow(): number {
  return Date.now();
}

/**
 * A one-shot timer in real milliseconds that does not hold the process open (for real-time
 * limits such as a receiver's answer timeout, which do not follow simulated time).
 */
export function wallTimer(ms: number, fire: () => void): WallTimer {
  const timer = setTimeout(fire, Math.min(MAX_TIMER_MS, Math.max(0, ms)));
  timer.unref?.();
  return { cancel: () => clearTimeout(timer) };
}

export function createClock(options: ClockOptions): Clock {
  const mode = options.mode;
  const scale = mode === 'scaled' ? (options.scale ?? 60) : 1;
  const wallStart = Date.now();
  const perfStart = performance.now();
  const start = options.start ?? wallStart;
  const queue = new TaskQueue();
  const running = new Set<Promise<unknown>>();
  let manualNow = start;
  let seq = 0;
  let live = 0;
  let armed: { timer: NodeJS.Timeout; at: number } | undefined;
  // Real and scaled modes: the next slice of due tasks, when a burst did not fit in one.
  let slicing: NodeJS.Immediate | undefined;
  // Manual mode: the tasks of the instant being run (taken off the queue, maybe not run yet).
  let waiting: Entry[] | undefined;
  let isoAt = Number.NaN;
  let isoText = '';
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;
  // Bumped by reset(): an advance that was running when time was reset stops there.
  let epoch = 0;

  const now = (): number => {
    if (mode === 'manual') return manualNow;
    if (mode === 'real') return Date.now();
    return Math.floor(start + (performance.now() - perfStart) * scale);
  };

  const peek = (): Entry | undefined => {
    let top = queue.peek();
    while (top && top.cancelled) {
      queue.pop();
      top = queue.peek();
    }
    return top;
  };

  // Runs one task; answers a promise that settles (never rejects) when the task is done.
  // Only a task that answers a promise is tracked for idle(), with one derived promise.
  const run = (entry: Entry): Promise<unknown> => {
    live -= 1;
    entry.ran = true;
    let result: unknown;
    try {
      result = (entry.task as (arg: unknown) => unknown)(entry.arg);
    } catch (error) {
      options.onTaskError?.(error);
      return DONE;
    }
    if (typeof (result as PromiseLike<unknown> | null | undefined)?.then !== 'function') return DONE;
    const tracked: Promise<unknown> = Promise.resolve(result).then(
      () => {
        running.delete(tracked);
      },
      (error: unknown) => {
        running.delete(tracked);
        options.onTaskError?.(error);
      },
    );
    running.add(tracked);
    return tracked;
  };

  // Real and scaled modes: one Node timer, always aimed at the earliest task.
  const arm = (): void => {
    if (mode === 'manual' || closed || slicing) return;
    const top = peek();
    if (!top) {
      if (armed) clearTimeout(armed.timer);
      armed = undefined;
      return;
    }
    if (armed && armed.at <= top.at) return;
    if (armed) clearTimeout(armed.timer);
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil((top.at - now()) / scale)));
    const timer = setTimeout(fireDue, wait);
    timer.unref?.();
    armed = { timer, at: top.at };
  };

  // Starts due tasks for at most SLICE_MS / SLICE_TASKS, then lets I/O run (setImmediate)
  // before the next slice; the timer is re-armed once nothing due is left.
  const fireDue = (): void => {
    armed = undefined;
    slicing = undefined;
    if (closed) return;
    const current = now();
    const deadline = performance.now() + SLICE_MS;
    let started = 0;
    for (let top = peek(); top && top.at <= current; top = peek()) {
      queue.pop();
      void run(top);
      started += 1;
      if (started >= SLICE_TASKS || ((started & 3) === 0 && performance.now() >= deadline)) {
        const more = peek();
        if (more && more.at <= now()) {
          slicing = setImmediate(fireDue);
          return;
        }
        break;
      }
    }
    arm();
  };

  // Manual mode: the due instants one after another; within an instant, lanes concurrently
  // and each lane's tasks in order.
  const runManualUntil = async (target: number): Promise<number> => {
    const started = epoch;
    for (let top = peek(); top && top.at <= target; top = peek()) {
      const at = top.at;
      if (at > manualNow) manualNow = at;
      const batch: Entry[] = [];
      for (; top && top.at === at; top = peek()) {
        queue.pop();
        batch.push(top);
      }
      waiting = batch;
      await runInstant(batch, run, () => epoch === started);
      waiting = undefined;
      if (epoch !== started) return manualNow;
    }
    if (target > manualNow) manualNow = target;
    return manualNow;
  };

  const onCancel = (): void => {
    live -= 1;
  };
  const add = (entry: ClockTask): ClockTask => {
    queue.push(entry);
    live += 1;
    if (mode === 'manual') {
      if (entry.at <= manualNow) void serialise(() => runManualUntil(manualNow));
    } else {
      arm();
    }
    return entry;
  };

  const serialise = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    mode,
    scale,
    now,
    iso() {
      // Many events share a millisecond: format each millisecond once.
      const t = now();
      if (t !== isoAt) {
        isoAt = t;
        isoText = new Date(t).toISOString();
      }
      return isoText;
    },
    schedule(at, task, lane) {
      return add(new ClockTask(at, seq++, task, undefined, lane, onCancel));
    },
    scheduleCall(at, task, arg, lane) {
      return add(new ClockTask(at, seq++, task, arg, lane, onCancel));
    },
    advance(ms) {
      if (mode !== 'manual') {
        return Promise.reject(new Error(`the clock is in ${mode} mode; only a manual clock can be advanced`));
      }
      return serialise(() => runManualUntil(manualNow + ms));
    },
    pending: () => live,
    nextAt: () => peek()?.at,
    async idle() {
      await chain;
      while (running.size > 0) await Promise.all([...running]);
    },
    reset() {
      epoch += 1;
      for (const entry of queue.toArray()) entry.cancelled = true;
      queue.clear();
      for (const entry of waiting ?? []) if (!entry.ran) entry.cancelled = true;
      waiting = undefined;
      live = 0;
      manualNow = start;
      arm();
    },
    close() {
      closed = true;
      if (armed) clearTimeout(armed.timer);
      armed = undefined;
      if (slicing) clearImmediate(slicing);
      slicing = undefined;
    },
  };
}
