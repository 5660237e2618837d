// MetaMap ids are 24-hex Mongo ObjectIds: 4 bytes of creation time, 8 seeded random bytes.
// Real verification ids are the identity id plus 2 (reference §4); kyc-sim copies that.
import type { Random } from '../../core/random.js';

export const OBJECT_ID = /^[0-9a-f]{24}$/;
const HEX_DIGITS = '0123456789abcdef';

export function objectId(random: Random, nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0').slice(-8);
  return random.hex(8, seconds);
}

export function verificationIdFor(identityId: string): string {
  // Seven times in eight the +2 stays in the last hex digit.
  const last = parseInt(identityId[23], 16);
  if (last < 14) {
    // Written into a copy rather than sliced and concatenated: one flat string, which every
    // session lookup and response would otherwise have to flatten from slice + digit.
    const id = Buffer.from(identityId, 'latin1');
    id[23] = HEX_DIGITS.charCodeAt(last + 2);
    return id.toString('latin1');
  }
  // Plain numbers on the low 12 hex digits (48 bits); BigInt only when the +2 carries over.
  const low = parseInt(identityId.slice(12), 16) + 2;
  if (low < 2 ** 48) return identityId.slice(0, 12) + low.toString(16).padStart(12, '0');
  return ((BigInt(`0x${identityId}`) + 2n) % (1n << 96n)).toString(16).padStart(24, '0');
}
