// Seeded randomness. A stream named `key` is an sfc32 generator whose 128-bit state is the
// first half of SHA-256(seed/key), so a stream named after a session yields the same values
// for that session whatever else happens in the simulator (the ordering of other requests
// cannot shift it), and one hash per stream is all the hashing there is.
import * as crypto from 'node:crypto';

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
  return String(crypto.randomInt(1, 2 ** 31 - 1));
}

// crypto.hash (Node >= 20.12) is a one-shot digest without a Hash object.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'buffer') => Buffer }).hash;
const sha256 = (text: string): Buffer => (oneShot ? oneShot('sha256', text, 'buffer') : crypto.createHash('sha256').update(text).digest());

/** Two lowercase hex digits for every byte value. */
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Eight lowercase hex digits of an unsigned 32-bit integer. */
const hex32 = (n: number): string => HEX[n >>> 24] + HEX[(n >>> 16) & 0xff] + HEX[(n >>> 8) & 0xff] + HEX[n & 0xff];

export function createRandom(seed: string, key = 'root'): Random {
  return new Sfc32Stream(seed, key);
}

// sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG) on 32-bit words. A class rather
// than closures: a fork per session event should cost one hash and one small object.
class Sfc32Stream implements Random {
  readonly seed: string;
  private readonly key: string;
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string, key: string) {
    this.seed = seed;
    this.key = key;
    const digest = sha256(`${seed}/${key}`);
    this.a = digest.readInt32LE(0);
    this.b = digest.readInt32LE(4);
    this.c = digest.readInt32LE(8);
    this.d = digest.readInt32LE(12);
    // A few rounds so that the first outputs are mixed beyond the raw digest words.
    for (let i = 0; i < 8; i += 1) this.u32();
  }

  /** The next unsigned 32-bit output. */
  private u32(): number {
    const { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.u32() / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  uuid(): string {
    const w0 = this.u32();
    const w1 = ((this.u32() & 0xffff0fff) | 0x00004000) >>> 0; // version 4
    const w2 = ((this.u32() & 0x3fffffff) | 0x80000000) >>> 0; // variant 10xx
    const w3 = this.u32();
    const h1 = hex32(w1);
    const h2 = hex32(w2);
    return `${hex32(w0)}-${h1.slice(0, 4)}-${h1.slice(4)}-${h2.slice(0, 4)}-${h2.slice(4)}${hex32(w3)}`;
  }

  hex(bytes: number): string {
    let out = '';
    let left = bytes;
    for (; left >= 4; left -= 4) out += hex32(this.u32());
    if (left > 0) out += hex32(this.u32()).slice(0, left * 2);
    return out;
  }

  seedInt(): number {
    return this.u32() >>> 1;
  }

  fork(child: string): Random {
    return new Sfc32Stream(this.seed, `${this.key}/${child}`);
  }
}
