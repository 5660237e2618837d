// Manual clock lanes: tasks due at the same instant run concurrently across lanes and one
// after another within a lane; instants stay sequential. Real clock: a burst of due tasks
// is started in slices, so I/O (here: an immediate) gets a turn in between.
import { setImmediate as tick, setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { createClock } from '../../src/core/clock.js';

const START = Date.parse('2026-01-01T00:00:00.000Z');
const manual = () => createClock({ mode: 'manual', start: START });

/** A task that logs its start and end around a real wait. */
const slow = (log: string[], name: string, ms: number) => async () => {
  log.push(`${name} start`);
  await sleep(ms);
  log.push(`${name} end`);
};

/** A task that logs its start, then waits until the test opens its gate (no real timers, so load cannot reorder it). */
function gated(log: string[], name: string) {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  const task = async () => {
    log.push(`${name} start`);
    await opened;
    log.push(`${name} end`);
  };
  return { task, open: () => open() };
}

t.test('manual: same instant, different lanes run concurrently, started in order', async (t) => {
  const clock = manual();
  const log: string[] = [];
  const a = gated(log, 'a');
  const b = gated(log, 'b');
  clock.schedule(START + 10, a.task, 'lane-a');
  clock.schedule(START + 10, b.task, 'lane-b');
  let answered = false;
  const advancing = clock.advance(10).then(() => (answered = true));
  await tick();
  t.same(log, ['a start', 'b start'], 'both started, in schedule order, before either ended');
  b.open();
  await tick();
  t.same(log, ['a start', 'b start', 'b end'], 'lane b ends without waiting for lane a');
  t.equal(answered, false, 'advance still waits for the task of lane a');
  a.open();
  await advancing;
  t.same(log.slice(2), ['b end', 'a end'], 'awaited together: advance answers after the last one');
});

t.test('manual: same instant, same lane (or no lane) run one after another', async (t) => {
  const clock = manual();
  const log: string[] = [];
  clock.schedule(START + 10, slow(log, 'a1', 20), 'a');
  clock.schedule(START + 10, slow(log, 'b1', 5), 'b');
  clock.schedule(START + 10, slow(log, 'a2', 5), 'a');
  clock.schedule(START + 10, slow(log, 'n1', 5));
  clock.schedule(START + 10, slow(log, 'n2', 5));
  await clock.advance(10);
  const index = (entry: string) => log.indexOf(entry);
  t.ok(index('a1 end') < index('a2 start'), 'a2 waits for a1 (same lane)');
  t.ok(index('n1 end') < index('n2 start'), 'n2 waits for n1 (no lane)');
  t.ok(index('b1 start') < index('a1 end'), 'lane b does not wait for lane a');
  t.ok(index('n1 start') < index('a1 end'), 'tasks without a lane do not wait for lane a');
  t.equal(log.length, 10);
});

t.test('manual: every task of an instant finishes before a later instant starts', async (t) => {
  const clock = manual();
  const log: string[] = [];
  clock.schedule(START + 10, slow(log, 'a@10', 20), 'a');
  clock.schedule(START + 10, slow(log, 'b@10', 5), 'b');
  clock.schedule(START + 20, () => log.push(`c@20 at ${clock.now() - START}`), 'c');
  await clock.advance(30);
  t.same(log.slice(-1), ['c@20 at 20']);
  t.ok(log.indexOf('a@10 end') < log.indexOf('c@20 at 20'));
  t.ok(log.indexOf('b@10 end') < log.indexOf('c@20 at 20'));
});

t.test('manual: a task cancelled by an earlier task of the same instant does not run', async (t) => {
  const clock = manual();
  const ran: string[] = [];
  let victim: { cancel(): void } | undefined;
  clock.schedule(START + 10, () => {
    ran.push('first');
    victim?.cancel();
  }, 'a');
  victim = clock.schedule(START + 10, () => ran.push('victim'), 'a');
  clock.schedule(START + 10, () => ran.push('other lane'), 'b');
  await clock.advance(10);
  t.same(ran, ['first', 'other lane']);
  t.equal(clock.pending(), 0);
});

t.test('manual: a reset during a concurrent instant stops its remaining tasks', async (t) => {
  const clock = manual();
  const ran: string[] = [];
  clock.schedule(START + 10, async () => {
    ran.push('a1');
    await sleep(20);
  }, 'a');
  const later = clock.schedule(START + 10, () => ran.push('a2'), 'a');
  clock.schedule(START + 10, () => ran.push('b1'), 'b');
  clock.schedule(START + 20, () => ran.push('next instant'), 'c');
  const advancing = clock.advance(30);
  await sleep(5);
  clock.reset();
  await advancing;
  t.same(ran, ['a1', 'b1'], 'a2 (same lane, not started) and the next instant never run');
  t.equal(clock.now(), START, 'time stays reset');
  t.equal(clock.pending(), 0);
  later.cancel();
  t.equal(clock.pending(), 0, 'cancelling a task dropped by the reset changes nothing');
});

t.test('real: a burst of due tasks is started in slices with I/O in between', async (t) => {
  const clock = createClock({ mode: 'real' });
  t.teardown(() => clock.close());
  const due = Date.now() + 5;
  const total = 3000;
  let started = 0;
  let startedAtImmediate = -1;
  const done = new Promise<void>((resolve) => {
    for (let i = 0; i < total; i += 1) {
      clock.schedule(due, () => {
        started += 1;
        if (started === 1) void tick().then(() => (startedAtImmediate = started));
        const spin = performance.now() + 0.01;
        while (performance.now() < spin) {
          // a little synchronous work per task
        }
        if (started === total) resolve();
      });
    }
  });
  const timer = setTimeout(() => undefined, 5000);
  await done;
  clearTimeout(timer);
  t.ok(startedAtImmediate > 0 && startedAtImmediate < total, `an immediate ran after ${startedAtImmediate} of ${total} tasks`);
  t.equal(clock.pending(), 0);
});

t.test('real: tasks due later than a slice still fire on time', async (t) => {
  const clock = createClock({ mode: 'real' });
  t.teardown(() => clock.close());
  const now = Date.now();
  for (let i = 0; i < 500; i += 1) clock.schedule(now, () => undefined);
  const firedAt = await new Promise<number>((resolve) => {
    const keep = setTimeout(() => undefined, 2000);
    clock.schedule(now + 30, () => {
      clearTimeout(keep);
      resolve(Date.now());
    });
  });
  t.ok(firedAt >= now + 29 && firedAt < now + 1000, `fired ${firedAt - now - 30} ms after its time`);
});
