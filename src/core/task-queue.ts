// The clock's waiting tasks in (time, schedule order): a binary heap, plus a FIFO for tasks
// that arrive in time order. Many tasks are a fixed delay after "now" (MetaMap's 30-minute
// expiry of every verification), so each one is due no earlier than the one before it; those
// are appended and taken in O(1) instead of sifting through a heap of every pending session.
// Any task due before the FIFO's last one goes to the heap, so the order is exact either way.
import { Heap } from 'heap-js';
import type { Entry } from './clock-instant.js';

const earlier = (a: Entry, b: Entry): number => a.at - b.at || a.seq - b.seq;
/** Taken FIFO slots are dropped once there are this many and they are half the array. */
const COMPACT_AFTER = 1024;

export class TaskQueue {
  private readonly heap = new Heap<Entry>(earlier);
  private fifo: Entry[] = [];
  private head = 0;

  /** `entry.seq` must be larger than every seq pushed before (the clock's counter). */
  push(entry: Entry): void {
    const last = this.fifo.length > this.head ? this.fifo[this.fifo.length - 1] : undefined;
    if (last === undefined || entry.at >= last.at) this.fifo.push(entry);
    else this.heap.push(entry);
  }

  /** The earliest entry (cancelled ones included), without taking it. */
  peek(): Entry | undefined {
    const fromFifo = this.head < this.fifo.length ? this.fifo[this.head] : undefined;
    const fromHeap = this.heap.peek();
    if (fromFifo === undefined) return fromHeap;
    if (fromHeap === undefined) return fromFifo;
    return earlier(fromHeap, fromFifo) < 0 ? fromHeap : fromFifo;
  }

  /** Takes the entry peek() answers. */
  pop(): Entry | undefined {
    const top = this.peek();
    if (top === undefined) return undefined;
    if (top === this.fifo[this.head]) this.takeFromFifo();
    else this.heap.pop();
    return top;
  }

  get size(): number {
    return this.heap.size() + this.fifo.length - this.head;
  }

  toArray(): Entry[] {
    return [...this.heap.toArray(), ...this.fifo.slice(this.head)];
  }

  clear(): void {
    this.heap.clear();
    this.fifo = [];
    this.head = 0;
  }

  private takeFromFifo(): void {
    this.head += 1;
    if (this.head === this.fifo.length) {
      this.fifo = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.fifo.length) {
      this.fifo = this.fifo.slice(this.head);
      this.head = 0;
    }
  }
}
