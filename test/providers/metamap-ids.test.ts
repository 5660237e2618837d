// Verification ids are the identity id plus 2 as a 96-bit number (reference §4), whichever
// of verificationIdFor's paths computes it.
import t from 'tap';
import { OBJECT_ID, verificationIdFor } from '../../src/providers/metamap/ids.js';

const plusTwo = (id: string) => ((BigInt(`0x${id}`) + 2n) % (1n << 96n)).toString(16).padStart(24, '0');

t.test('every last digit, carries into the next digits and past 48 bits, and the wrap-around', async (t) => {
  const ids = [
    ...'0123456789abcdef'.split('').map((digit) => `6751a2b3c4d5e6f70819a2b${digit}`),
    '6751a2b3c4d5e6f70819a2ff',
    '6751a2b3c4d5ffffffffffff',
    '6751a2b3c4d5fffffffffffe',
    'ffffffffffffffffffffffff',
    '000000000000000000000000',
  ];
  for (const id of ids) {
    const expected = plusTwo(id);
    t.equal(verificationIdFor(id), expected, `${id} → ${expected}`);
    t.match(verificationIdFor(id), OBJECT_ID, 'still 24 hex digits');
  }
});
