// The clock's waiting tasks (Entry, ClockTask), and manual mode's handling of one instant: the
// tasks due at the same simulated time. Tasks of one lane (a session) run in order; different
// lanes run concurrently, started in slices so the first lanes' requests progress while later
// ones are still being started.

export interface Entry {
  readonly at: number;
  readonly seq: number;
  /** Called with `arg` (undefined for tasks scheduled without one). */
  readonly task: (arg: never) => unknown;
  readonly arg: unknown;
  readonly lane: string | undefined;
  cancelled: boolean;
  ran: boolean;
}

/** A waiting task, and the handle its scheduler may cancel it with (the clock's ScheduledTask): one object per task. */
export class ClockTask implements Entry {
  cancelled = false;
  ran = false;
  constructor(
    readonly at: number,
    readonly seq: number,
    readonly task: (arg: never) => unknown,
    readonly arg: unknown,
    readonly lane: string | undefined,
    private readonly onCancel: () => void,
  ) {}

  cancel(): void {
    if (this.cancelled || this.ran) return;
    this.cancelled = true;
    this.onCancel();
  }
}

/** How long one slice of due tasks may hold the event loop before I/O gets a turn. */
export const SLICE_MS = 1;
/** The lane of tasks scheduled without one. */
const NO_LANE = Symbol('no lane');

/** Runs `batch` (one instant's tasks, in schedule order); stops starting tasks once `current()` is false (a reset). */
export async function runInstant(batch: readonly Entry[], run: (entry: Entry) => Promise<unknown>, current: () => boolean): Promise<void> {
  if (batch.length === 1) {
    await run(batch[0]);
    return;
  }
  const lanes = new Map<string | symbol, Entry[]>();
  for (const entry of batch) {
    const key = entry.lane ?? NO_LANE;
    const lane = lanes.get(key);
    if (lane) lane.push(entry);
    else lanes.set(key, [entry]);
  }
  const runLane = async (lane: readonly Entry[]): Promise<void> => {
    for (const entry of lane) {
      if (!current()) return;
      if (!entry.cancelled) await run(entry);
    }
  };
  if (lanes.size === 1) return runLane(batch);
  const lanesRunning: Promise<void>[] = [];
  let deadline = performance.now() + SLICE_MS;
  let count = 0;
  for (const lane of lanes.values()) {
    if (!current()) break;
    lanesRunning.push(runLane(lane));
    count += 1;
    if ((count & 3) === 0 && performance.now() >= deadline) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      deadline = performance.now() + SLICE_MS;
    }
  }
  await Promise.all(lanesRunning);
}
