// jsonString and flatJsonObject must make exactly what JSON.stringify makes, for every
// string (escapes, control characters, lone and paired surrogates, U+2028) and every flat
// object, and decline (undefined) what they do not handle.
import t from 'tap';
import { flatJson, flatJsonObject, jsonString } from '../../src/core/json-text.js';
import { createRandom } from '../../src/core/random.js';

const STRINGS = ['', 'plain', 'with "quotes"', 'back\\slash', 'tab\tnew\nline\r', '\u0000\u001f\u007f', 'ü é ß', '\u2028\u2029', '😀 pair', 'lone \ud800 high', 'lone \udc00 low', 'reversed \udc00\ud800', '</script>', 'http://localhost:4010/v2/verifications/0123456789abcdef01234567'];

t.test('jsonString equals JSON.stringify', async (t) => {
  for (const [i, text] of STRINGS.entries()) t.equal(jsonString(text), JSON.stringify(text), `string #${i}`);
});

t.test('jsonString equals JSON.stringify on random UTF-16 text', async (t) => {
  const random = createRandom('json-text');
  let mismatches = 0;
  for (let n = 0; n < 2000; n += 1) {
    const units = Array.from({ length: Math.floor(random.next() * 12) }, () => {
      const pick = random.next();
      // Mostly ASCII, some controls, some non-ASCII, some surrogates (paired or not).
      const code = pick < 0.6 ? 0x20 + Math.floor(random.next() * 95) : pick < 0.7 ? Math.floor(random.next() * 0x20) : pick < 0.85 ? 0x80 + Math.floor(random.next() * 0x2000) : 0xd800 + Math.floor(random.next() * 0x800);
      return String.fromCharCode(code);
    });
    const text = units.join('');
    if (jsonString(text) !== JSON.stringify(text)) mismatches += 1;
  }
  t.equal(mismatches, 0, 'no mismatch in 2,000 random strings');
});

t.test('flatJsonObject equals JSON.stringify for flat objects', async (t) => {
  const objects: Record<string, unknown>[] = [
    {},
    { userId: 'bench-user-42', plan: 'pro' },
    { ua: 'Mozilla/5.0 "quoted"', ip: '::ffff:127.0.0.1', vpnDetectionEnabled: false },
    { n: -1.5e-300, big: 1e21, small: 1e-7, zero: -0, int: 42, ok: true, nothing: null },
    { 2: 'two', 1: 'one', b: 'b', a: 'a', '10': 'ten' },
    { 'key "quoted"': '\n', '\ud800': 'lone', '😀': '😀', __proto__x: 'x' },
    JSON.parse('{"__proto__":"own","constructor":"c","toJSON":"not a function"}') as Record<string, unknown>,
  ];
  for (const [i, object] of objects.entries()) {
    t.equal(flatJsonObject(object), JSON.stringify(object), `object #${i}`);
    t.equal(flatJson(object), JSON.stringify(object), `flatJson #${i}`);
  }
});

t.test('flatJsonObject declines what is not flat, and flatJson then falls back to JSON.stringify', async (t) => {
  const objects: Record<string, unknown>[] = [{ nested: { a: 1 } }, { list: [1, 2] }, { missing: undefined }, { nan: Number.NaN }, { inf: Number.POSITIVE_INFINITY }];
  for (const [i, object] of objects.entries()) {
    t.equal(flatJsonObject(object), undefined, `declines #${i}`);
    t.equal(flatJson(object), JSON.stringify(object), `falls back #${i}`);
  }
  t.equal(flatJsonObject({ date: new Date(0) }), undefined, 'an object with toJSON is declined');
});
