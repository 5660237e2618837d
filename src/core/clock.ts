// The only place that reads wall time or arms timers for domain timing.
// Three modes share one priority queue of tasks keyed by simulated time:
//  - real:   simulated time = wall time;
//  - scaled: simulated time runs `scale` times faster than wall time;
//  - manual: time moves only through advance(), which runs every due task in order
//            and waits for each task's promise (so a webhook's first attempt is done).
import { Heap } from 'heap-js';

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
  schedule(at: number, task: () => unknown): ScheduledTask;
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

interface Entry {
  readonly at: number;
  readonly seq: number;
  readonly task: () => unknown;
  cancelled: boolean;
  ran: boolean;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export function createClock(options: ClockOptions): Clock {
  const mode = options.mode;
  const scale = mode === 'scaled' ? (options.scale ?? 60) : 1;
  const wallStart = Date.now();
  const perfStart = performance.now();
  const start = options.start ?? wallStart;
  const queue = new Heap<Entry>((a, b) => a.at - b.at || a.seq - b.seq);
  const running = new Set<Promise<unknown>>();
  let manualNow = start;
  let seq = 0;
  let live = 0;
  let armed: { timer: NodeJS.Timeout; at: number } | undefined;
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

  const run = (entry: Entry): Promise<unknown> => {
    live -= 1;
    entry.ran = true;
    let result: Promise<unknown>;
    try {
      result = Promise.resolve(entry.task());
    } catch (error) {
      result = Promise.reject(error);
    }
    const tracked = result.catch((error) => options.onTaskError?.(error));
    running.add(tracked);
    void tracked.finally(() => running.delete(tracked));
    return tracked;
  };

  // Real and scaled modes: one Node timer, always aimed at the earliest task.
  const arm = (): void => {
    if (mode === 'manual' || closed) return;
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

  const fireDue = (): void => {
    armed = undefined;
    const current = now();
    for (let top = peek(); top && top.at <= current; top = peek()) {
      queue.pop();
      void run(top);
    }
    arm();
  };

  // Manual mode: tasks run one after another, each awaited, in time order.
  const runManualUntil = async (target: number): Promise<number> => {
    const started = epoch;
    for (let top = peek(); top && top.at <= target; top = peek()) {
      queue.pop();
      if (top.at > manualNow) manualNow = top.at;
      await run(top);
      if (epoch !== started) return manualNow;
    }
    if (target > manualNow) manualNow = target;
    return manualNow;
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
    iso: () => new Date(now()).toISOString(),
    schedule(at, task) {
      const entry: Entry = { at, seq: seq++, task, cancelled: false, ran: false };
      queue.push(entry);
      live += 1;
      if (mode === 'manual') {
        if (at <= manualNow) void serialise(() => runManualUntil(manualNow));
      } else {
        arm();
      }
      return {
        at,
        cancel() {
          if (entry.cancelled || entry.ran) return;
          entry.cancelled = true;
          live -= 1;
        },
      };
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
      live = 0;
      manualNow = start;
      arm();
    },
    close() {
      closed = true;
      if (armed) clearTimeout(armed.timer);
      armed = undefined;
    },
  };
}
