// createFakeData: values are reproducible per seed and key whatever else was generated,
// cached values are handed out as copies, and schemas outside the fast path still work.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { createRandom } from '../../src/core/random.js';
import { createFakeData } from '../../src/engine/fake-data.js';

const customer = { type: 'object', required: ['customerName'], properties: { customerName: { type: 'string', faker: 'person.fullName' } } };
const person = JSON.parse(readFileSync(new URL('../../fixtures/metamap/person.schema.json', import.meta.url), 'utf8')) as object;

t.test('the same seed and key give the same value regardless of other keys', async (t) => {
  const a = createFakeData(createRandom('7'));
  const b = createFakeData(createRandom('7'));
  for (let i = 0; i < 20; i += 1) b.generate(customer, `other/${i}`);
  b.generate(person, 'other/person');
  t.same(b.generate(customer, 'session/x/customer'), a.generate(customer, 'session/x/customer'));
  t.same(b.generate(person, 'session/x/person'), a.generate(person, 'session/x/person'));
  const c = createFakeData(createRandom('8'));
  t.not(c.generate<{ customerName: string }>(customer, 'session/x/customer').customerName, a.generate<{ customerName: string }>(customer, 'session/x/customer').customerName);
});

t.test('generated values have the schema shape', async (t) => {
  const fake = createFakeData(createRandom('1'));
  const name = fake.generate<{ customerName: string }>(customer, 'k').customerName;
  t.match(name, /^\S+( \S+)+$/, `a full name: ${name}`);
  const p = fake.generate<Record<string, unknown>>(person, 'p');
  t.match(p.documentNumber, /^[A-Z]{3}[0-9]{6}$/, 'pattern properties go through json-schema-faker');
  t.ok(['M', 'F'].includes(p.sex as string));
  t.ok((p.age as number) >= 21 && (p.age as number) <= 68 && Number.isInteger(p.age));
  t.ok(typeof (p.location as { country?: unknown }).country === 'string');
});

t.test('a cached value is a copy: mutating it does not change the next answer', async (t) => {
  const fake = createFakeData(createRandom('1'));
  const first = fake.generate<Record<string, unknown>>(person, 'p');
  const snapshot = JSON.stringify(first);
  first.firstName = 'changed';
  (first.location as Record<string, unknown>).city = 'changed';
  t.equal(JSON.stringify(fake.generate(person, 'p')), snapshot);
  fake.clear();
  t.equal(JSON.stringify(fake.generate(person, 'p')), snapshot, 'the same value after clear()');
});
