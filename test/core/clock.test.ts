// createClock: manual time moves only through advance() and runs due tasks in order,
// awaiting each; scaled time runs `scale` times faster than wall time; real is wall time.
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { createClock, type ClockOptions } from '../../src/core/clock.js';

const START = Date.parse('2026-01-01T00:00:00.000Z');
/** The clock's timer is unref'd (it must not hold a server open), so tests hold the loop. */
function within<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
const manual = (extra: Partial<ClockOptions> = {}) => createClock({ mode: 'manual', start: START, ...extra });

t.test('manual: time stands still until advanced', async (t) => {
  const clock = manual();
  t.equal(clock.mode, 'manual');
  t.equal(clock.scale, 1);
  t.equal(clock.now(), START);
  await sleep(5);
  t.equal(clock.now(), START, 'wall time does not move it');
  t.equal(await clock.advance(90_000), START + 90_000, 'advance answers the new time');
  t.equal(clock.iso(), '2026-01-01T00:01:30.000Z');
});

t.test('manual: due tasks run in time order, each seeing its own time', async (t) => {
  const clock = manual();
  const ran: [string, number][] = [];
  const at = (name: string, offset: number) => clock.schedule(START + offset, () => ran.push([name, clock.now() - START]));
  at('c', 30);
  at('a', 10);
  at('b', 20);
  at('b2', 20);
  at('late', 1000);
  t.equal(clock.pending(), 5);
  t.equal(clock.nextAt(), START + 10);
  await clock.advance(25);
  t.same(ran, [['a', 10], ['b', 20], ['b2', 20]], 'in time order; ties keep insertion order');
  t.equal(clock.now(), START + 25, 'ends at the target, not at the last task');
  t.equal(clock.pending(), 2);
  await clock.advance(1000);
  t.same(ran.map(([n]) => n), ['a', 'b', 'b2', 'c', 'late']);
  t.equal(clock.pending(), 0);
  t.equal(clock.nextAt(), undefined);
});

t.test('manual: advance awaits each task before running the next', async (t) => {
  const clock = manual();
  const log: string[] = [];
  clock.schedule(START + 1, async () => {
    log.push('first start');
    await sleep(20);
    log.push('first end');
  });
  clock.schedule(START + 2, () => log.push('second'));
  await clock.advance(5);
  t.same(log, ['first start', 'first end', 'second']);
});

t.test('manual: tasks scheduled by a task inside the window run in the same advance', async (t) => {
  const clock = manual();
  const times: number[] = [];
  const retry = (n: number) => () => {
    times.push(clock.now() - START);
    if (n < 4) clock.schedule(clock.now() + 100, retry(n + 1));
  };
  clock.schedule(START + 100, retry(1));
  await clock.advance(350);
  t.same(times, [100, 200, 300], 'the chain runs up to the target');
  await clock.advance(50);
  t.same(times, [100, 200, 300, 400]);
});

t.test('manual: tasks scheduled at or before now run without an advance', async (t) => {
  const clock = manual();
  await clock.advance(1000);
  const ran: string[] = [];
  clock.schedule(clock.now(), () => ran.push('now'));
  clock.schedule(START, () => ran.push('past'));
  await clock.idle();
  t.same(ran, ['past', 'now'], 'in time order');
  t.equal(clock.now(), START + 1000, 'time never moves backwards');
  t.equal(clock.pending(), 0);
});

t.test('manual: cancel', async (t) => {
  const clock = manual();
  const ran: string[] = [];
  const a = clock.schedule(START + 10, () => ran.push('a'));
  clock.schedule(START + 20, () => ran.push('b'));
  t.equal(a.at, START + 10);
  a.cancel();
  a.cancel();
  t.equal(clock.pending(), 1, 'a second cancel changes nothing');
  t.equal(clock.nextAt(), START + 20, 'cancelled tasks are skipped');
  await clock.advance(100);
  t.same(ran, ['b']);
  t.equal(clock.pending(), 0);
});

t.test('manual: cancelling a task that already ran changes nothing', async (t) => {
  const clock = manual();
  const done = clock.schedule(START + 10, () => undefined);
  clock.schedule(START + 1000, () => undefined);
  await clock.advance(100);
  t.equal(clock.pending(), 1, 'one task still waiting');
  done.cancel();
  t.equal(clock.pending(), 1, 'still one task waiting after cancelling the finished one');
  t.equal(clock.nextAt(), START + 1000);
});

t.test('manual: reset drops waiting tasks and returns to the start', async (t) => {
  const clock = manual();
  const ran: string[] = [];
  clock.schedule(START + 10, () => ran.push('before reset'));
  await clock.advance(5);
  clock.reset();
  t.equal(clock.now(), START);
  t.equal(clock.pending(), 0);
  t.equal(clock.nextAt(), undefined);
  await clock.advance(100);
  t.same(ran, [], 'the dropped task never runs');
  clock.schedule(START + 150, () => ran.push('after reset'));
  await clock.advance(100);
  t.same(ran, ['after reset']);
});

t.test('manual: a failing task is reported and does not stop the clock', async (t) => {
  const errors: unknown[] = [];
  const clock = manual({ onTaskError: (e) => errors.push(e) });
  const ran: string[] = [];
  clock.schedule(START + 1, () => {
    throw new Error('sync boom');
  });
  clock.schedule(START + 2, async () => {
    throw new Error('async boom');
  });
  clock.schedule(START + 3, () => ran.push('after'));
  await clock.advance(10);
  t.same(errors.map((e) => (e as Error).message), ['sync boom', 'async boom']);
  t.same(ran, ['after']);
});

t.test('manual: start defaults to wall time', async (t) => {
  const before = Date.now();
  const clock = createClock({ mode: 'manual' });
  t.ok(clock.now() >= before && clock.now() <= Date.now());
});

t.test('scaled: 1000x fires a 1-simulated-second task in about 1 ms', async (t) => {
  const clock = createClock({ mode: 'scaled', scale: 1000, start: START });
  t.teardown(() => clock.close());
  t.equal(clock.mode, 'scaled');
  t.equal(clock.scale, 1000);
  t.ok(clock.now() - START < 1000 * 50, 'starts at the given start');
  const began = performance.now();
  const due = clock.now() + 1000;
  const firedAt = await within(new Promise<number>((resolve) => clock.schedule(due, () => resolve(clock.now()))));
  const realMs = performance.now() - began;
  t.ok(realMs < 200, `fired after ${realMs.toFixed(1)} ms real`);
  t.ok(firedAt >= due, 'not before its simulated time');
  await t.rejects(clock.advance(1000), /scaled mode/, 'only a manual clock can be advanced');
});

t.test('scaled: simulated time runs scale times faster than wall time', async (t) => {
  const clock = createClock({ mode: 'scaled', scale: 1000 });
  t.teardown(() => clock.close());
  const sim0 = clock.now();
  const real0 = performance.now();
  await sleep(20);
  const simulated = clock.now() - sim0;
  const real = performance.now() - real0;
  t.ok(Math.abs(simulated - real * 1000) <= 5000, `${simulated} simulated ms in ${real.toFixed(1)} real ms`);
});

t.test('scaled: tasks fire in time order; an earlier task re-aims the timer; cancel works', async (t) => {
  const clock = createClock({ mode: 'scaled', scale: 1000 });
  t.teardown(() => clock.close());
  const ran: string[] = [];
  const base = clock.now();
  const done = new Promise<void>((resolve) => clock.schedule(base + 30_000, () => resolve()));
  clock.schedule(base + 20_000, () => ran.push('b'));
  clock.schedule(base + 5_000, () => ran.push('a'));
  clock.schedule(base + 10_000, () => ran.push('cancelled')).cancel();
  await within(done);
  t.same(ran, ['a', 'b']);
  t.equal(clock.pending(), 0);
});

t.test('real: wall time, scale 1, tasks fire on time', async (t) => {
  const clock = createClock({ mode: 'real' });
  t.teardown(() => clock.close());
  t.equal(clock.mode, 'real');
  t.equal(clock.scale, 1);
  const before = Date.now();
  const now = clock.now();
  t.ok(now >= before && now <= Date.now(), 'now() is Date.now()');
  const due = Date.now() + 20;
  const firedAt = await within(new Promise<number>((resolve) => clock.schedule(due, () => resolve(Date.now()))));
  t.ok(firedAt >= due - 1 && firedAt < due + 200, `fired ${firedAt - due} ms after its time`);
  await t.rejects(clock.advance(10), /real mode/);
});

t.test('real: close disarms the timer; idle waits for running tasks', async (t) => {
  const clock = createClock({ mode: 'real' });
  let ran = false;
  clock.schedule(Date.now() + 10, () => {
    ran = true;
  });
  clock.close();
  await sleep(30);
  t.equal(ran, false, 'a closed clock fires nothing');

  const other = createClock({ mode: 'real' });
  t.teardown(() => other.close());
  let finished = false;
  const started = new Promise<void>((resolve) =>
    other.schedule(Date.now(), async () => {
      resolve();
      await sleep(20);
      finished = true;
    }),
  );
  await within(started);
  await other.idle();
  t.equal(finished, true);
});
