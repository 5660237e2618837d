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
  /** `bytes` random bytes as lowercase hex, after `prefix` (ASCII), as one flat string. */
  hex(bytes: number, prefix?: string): string;
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

/** Lowercase hex digits as byte values, for writing ids straight into a buffer. */
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const DASH = 0x2d;

/** Writes the low `digits` hex digits of `word` into `out` at `offset`. */
function putHex(out: Buffer, offset: number, word: number, digits: number): void {
  for (let i = digits - 1; i >= 0; i -= 1) {
    out[offset + i] = HEX_DIGITS[word & 0xf];
    word >>>= 4;
  }
}

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
  /**
   * Where ids are written before they become strings. Ids built by concatenation are V8
   * cons-string trees that a session keeps alive (~400 bytes per UUID against ~60 flat) and
   * that every Map lookup or JSON.stringify must flatten first; a buffer decoded once gives
   * one flat string. Allocated on first use: most forks never make an id.
   */
  private scratch: Buffer | undefined;

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
    const out = this.buffer(36);
    putHex(out, 0, this.u32(), 8);
    const w1 = ((this.u32() & 0xffff0fff) | 0x00004000) >>> 0; // version 4
    const w2 = ((this.u32() & 0x3fffffff) | 0x80000000) >>> 0; // variant 10xx
    out[8] = DASH;
    putHex(out, 9, w1 >>> 16, 4);
    out[13] = DASH;
    putHex(out, 14, w1, 4);
    out[18] = DASH;
    putHex(out, 19, w2 >>> 16, 4);
    out[23] = DASH;
    putHex(out, 24, w2, 4);
    putHex(out, 28, this.u32(), 8);
    return out.toString('latin1', 0, 36);
  }

  hex(bytes: number, prefix = ''): string {
    const out = this.buffer(prefix.length + bytes * 2);
    let at = prefix.length === 0 ? 0 : out.write(prefix, 'latin1');
    for (let left = bytes; left > 0; left -= 4) {
      const digits = Math.min(left, 4) * 2;
      // A partial word keeps its high bytes, as slicing its eight hex digits would.
      putHex(out, at, this.u32() >>> ((8 - digits) * 4), digits);
      at += digits;
    }
    return out.toString('latin1', 0, at);
  }

  private buffer(length: number): Buffer {
    if (this.scratch === undefined || this.scratch.length < length) this.scratch = Buffer.allocUnsafe(Math.max(length, 36));
    return this.scratch;
  }

  seedInt(): number {
    return this.u32() >>> 1;
  }

  fork(child: string): Random {
    return new Sfc32Stream(this.seed, `${this.key}/${child}`);
  }
}
