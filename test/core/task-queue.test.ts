// TaskQueue (the clock's waiting tasks): whatever mix of in-order and out-of-order times is
// pushed, and however pushes and pops interleave, entries come out in (at, seq) order, the
// same order a plain sort gives.
import t from 'tap';
import type { Entry } from '../../src/core/clock-instant.js';
import { TaskQueue } from '../../src/core/task-queue.js';

const entry = (at: number, seq: number): Entry => ({ at, seq, task: () => undefined, arg: undefined, lane: undefined, cancelled: false, ran: false });
const order = (a: Entry, b: Entry) => a.at - b.at || a.seq - b.seq;

/** A small deterministic PRNG, so a failure names a reproducible case. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

t.test('an empty queue', async (t) => {
  const queue = new TaskQueue();
  t.equal(queue.peek(), undefined);
  t.equal(queue.pop(), undefined);
  t.equal(queue.size, 0);
  t.same(queue.toArray(), []);
});

t.test('fixed-delay tasks (the FIFO path) interleaved with shorter random ones (the heap)', async (t) => {
  const queue = new TaskQueue();
  const pushed: Entry[] = [];
  const random = lcg(7);
  let now = 0;
  for (let seq = 0; seq < 2000; seq += 1) {
    now += Math.floor(random() * 5);
    // Every other task is the 30-minute expiry; the others are 1–3 minutes out or due now.
    const at = seq % 2 === 0 ? now + 1_800_000 : now + Math.floor(random() * 180_000);
    const e = entry(at, seq);
    pushed.push(e);
    queue.push(e);
  }
  t.equal(queue.size, 2000);
  t.same(queue.toArray().sort(order), [...pushed].sort(order), 'toArray holds every entry');
  const taken: Entry[] = [];
  for (let e = queue.pop(); e; e = queue.pop()) taken.push(e);
  t.same(taken, [...pushed].sort(order), 'taken in (at, seq) order');
  t.equal(queue.size, 0);
});

t.test('random pushes and pops agree with a sorted list at every step', async (t) => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const random = lcg(seed);
    const queue = new TaskQueue();
    let reference: Entry[] = [];
    let seq = 0;
    let mismatches = 0;
    for (let step = 0; step < 5000; step += 1) {
      if (random() < 0.6) {
        // Mostly increasing times (the FIFO), sometimes earlier ones and equal ones (ties by seq).
        const at = random() < 0.7 ? 1000 + step * 10 : Math.floor(random() * 50_000);
        const e = entry(at, seq++);
        queue.push(e);
        reference.push(e);
        reference.sort(order);
      } else {
        const expected = reference.shift();
        if (queue.peek() !== expected) mismatches += 1;
        if (queue.pop() !== expected) mismatches += 1;
      }
      if (queue.size !== reference.length) mismatches += 1;
    }
    t.equal(mismatches, 0, `seed ${seed}: peek, pop and size match the sorted reference`);
    reference = [];
  }
});

t.test('equal times come out in schedule order across the FIFO and the heap', async (t) => {
  const queue = new TaskQueue();
  const a = entry(100, 0); // FIFO
  const b = entry(50, 1); // heap (before a)
  const c = entry(100, 2); // FIFO (equal to a, later seq)
  const d = entry(100, 3); // FIFO
  const e = entry(60, 4); // heap
  for (const x of [a, b, c, d, e]) queue.push(x);
  t.same([queue.pop(), queue.pop(), queue.pop(), queue.pop(), queue.pop()], [b, e, a, c, d]);
});

t.test('clear empties both parts; the queue is usable afterwards', async (t) => {
  const queue = new TaskQueue();
  for (let i = 0; i < 3000; i += 1) queue.push(entry(i % 7 === 0 ? 0 : i, i));
  for (let i = 0; i < 1500; i += 1) queue.pop();
  queue.clear();
  t.equal(queue.size, 0);
  t.equal(queue.peek(), undefined);
  queue.push(entry(5, 9000));
  queue.push(entry(1, 9001));
  t.same([queue.pop()?.seq, queue.pop()?.seq], [9001, 9000]);
});

t.test('a long FIFO keeps its order when taken slots are dropped', async (t) => {
  const queue = new TaskQueue();
  for (let i = 0; i < 3000; i += 1) queue.push(entry(i, i));
  const first = Array.from({ length: 2000 }, () => queue.pop()?.seq);
  t.same(first, Array.from({ length: 2000 }, (_, i) => i));
  queue.push(entry(10, 3000)); // earlier than the FIFO's tail: the heap
  queue.push(entry(5000, 3001)); // after it: the FIFO
  const rest: number[] = [];
  for (let e = queue.pop(); e; e = queue.pop()) rest.push(e.seq);
  t.same(rest, [3000, ...Array.from({ length: 1000 }, (_, i) => 2000 + i), 3001]);
});
