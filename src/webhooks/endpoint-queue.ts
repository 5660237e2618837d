// Bounded delivery concurrency for one webhook endpoint, on p-queue.
import PQueue from 'p-queue';

/**
 * One endpoint's bounded queue: at most `concurrency` sends at once, the rest wait in
 * arrival order. `PQueue.clear()` drops waiting jobs without settling their promises, so
 * each waiting send also registers a `drop` that settles it as undefined on reset;
 * otherwise idle() and a running clock advance would wait on it for ever.
 */
export class EndpointQueue {
  private readonly queue: PQueue;
  private readonly waiting = new Set<() => void>();

  constructor(concurrency: number) {
    this.queue = new PQueue({ concurrency });
  }

  /** Runs `send` when a slot is free; answers undefined if dropped (reset) before it ran. */
  run<T>(send: () => Promise<T>): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve, reject) => {
      const drop = (): void => resolve(undefined);
      this.waiting.add(drop);
      this.queue
        .add(() => {
          this.waiting.delete(drop);
          return send();
        })
        .then(resolve, reject);
    });
  }

  /** Settles every waiting send as dropped. */
  drop(): void {
    this.queue.clear();
    for (const drop of this.waiting) drop();
    this.waiting.clear();
  }
}
