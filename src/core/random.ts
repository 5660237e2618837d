// Seeded randomness. Every value is derived from SHA-256(seed/key:counter), so a stream
// named after a session yields the same values for that session whatever else happens
// in the simulator (the ordering of other requests cannot shift it).
import { createHash, randomInt } from 'node:crypto';

export interface Random {
  readonly seed: string;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** RFC 4122 version 4 UUID, lowercase. */
  uuid(): string;
  /** `bytes` random bytes as lowercase hex. */
  hex(bytes: number): string;
  /** A 31-bit integer, handy as a seed for other generators. */
  seedInt(): number;
  /** An independent stream derived from this one's key, not its position. */
  fork(key: string): Random;
}

export function randomSeed(): string {
  return String(randomInt(1, 2 ** 31 - 1));
}

export function createRandom(seed: string, key = 'root'): Random {
  const streamKey = `${seed}/${key}`;
  let counter = 0;
  let block = Buffer.alloc(0);
  let offset = 0;

  const take = (count: number): Buffer => {
    const out = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count) {
      if (offset >= block.length) {
        block = createHash('sha256').update(`${streamKey}:${counter++}`).digest();
        offset = 0;
      }
      const n = Math.min(count - filled, block.length - offset);
      block.copy(out, filled, offset, offset + n);
      filled += n;
      offset += n;
    }
    return out;
  };

  const next = (): number => take(4).readUInt32BE(0) / 2 ** 32;

  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    uuid() {
      const b = take(16);
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
    hex: (bytes) => take(bytes).toString('hex'),
    seedInt: () => take(4).readUInt32BE(0) >>> 1,
    fork: (child) => createRandom(seed, `${key}/${child}`),
  };
}
