// MetaMap ids are 24-hex Mongo ObjectIds: 4 bytes of creation time, 8 seeded random bytes.
// Real verification ids are the identity id plus 2 (reference §4); kyc-sim copies that.
import { flatString } from '../../core/flat-string.js';
import type { Random } from '../../core/random.js';

export const OBJECT_ID = /^[0-9a-f]{24}$/;

export function objectId(random: Random, nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0').slice(-8);
  return random.hex(8, seconds);
}

export function verificationIdFor(identityId: string): string {
  // Flattened once here: every session lookup and response would flatten the pieces again.
  return flatString(plusTwo(identityId));
}

function plusTwo(identityId: string): string {
  // Seven times in eight the +2 stays in the last hex digit.
  const last = parseInt(identityId[23], 16);
  if (last < 14) return identityId.slice(0, 23) + (last + 2).toString(16);
  // Plain numbers on the low 12 hex digits (48 bits); BigInt only when the +2 carries over.
  const low = parseInt(identityId.slice(12), 16) + 2;
  if (low < 2 ** 48) return identityId.slice(0, 12) + low.toString(16).padStart(12, '0');
  return ((BigInt(`0x${identityId}`) + 2n) % (1n << 96n)).toString(16).padStart(24, '0');
}
