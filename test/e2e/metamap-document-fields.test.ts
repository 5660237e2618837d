// document-reading per country (reference §5.5, §6; PY cassettes): a Mexican national-id
// (INE) adds curp, cde, ne, ocrNumber and address and marks fullName sensitive; every
// document's nationality is its country. CURP and elector key agree with the other fields.
import t from 'tap';
import {
  createVerification,
  passportFile,
  passportInput,
  sendInput,
  setupMetamap,
  videoFile,
  videoInput,
  type InputSpec,
  type Setup,
} from '../support/metamap.js';

const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';
const COMMON = ['fullName', 'firstName', 'surname', 'documentNumber', 'dateOfBirth', 'expirationDate', 'emissionDate', 'nationality', 'sex'];
const INE = ['curp', 'cde', 'ne', 'ocrNumber', 'address'];

const nationalId = (page: 'front' | 'back', country: string): InputSpec => ({
  inputType: 'document-photo',
  group: 0,
  data: { type: 'national-id', country, region: '', page, filename: `id-${page}.jpg` },
});

/** Verifies with one document and answers its document-reading data (webhook) and resource fields. */
async function read({ server, auth, receiver }: Setup, inputs: InputSpec[], files: ReturnType<typeof passportFile>[], scenario = 'verified') {
  const created = await createVerification(server, auth, { scenario });
  const upload = await sendInput(server, auth, created.body.identity as string, [...inputs, videoInput()], [...files, videoFile()]);
  if (upload.status !== 201) throw new Error(`send-input: ${upload.status}`);
  await server.advance('3m');
  const hook = receiver.received.find((h) => (h.json.step as { id?: string } | undefined)?.id === 'document-reading' && String(h.json.resource).endsWith(created.body.id as string));
  const resource = await server.call('GET', `/v2/verifications/${created.body.id as string}`, undefined, auth);
  return { data: (hook?.json.step as { data: Record<string, any> }).data, document: resource.body.documents[0] as Record<string, any> };
}

t.test('a Mexican INE: curp, cde, ne, ocrNumber, address, a sensitive fullName, nationality MX', async (t) => {
  const setup = await setupMetamap(t);
  const { data, document } = await read(setup, [nationalId('front', 'MX'), nationalId('back', 'MX')], [passportFile('id-front.jpg'), passportFile('id-back.jpg')]);
  t.same(Object.keys(data), [...COMMON, ...INE], 'the common fields, then the INE’s');
  t.same(document.fields, data, 'the resource’s fields repeat the step data');
  t.same(document.country, 'MX');
  t.same(data.fullName, { value: `${data.firstName.value} ${data.surname.value}`, label: 'Name', sensitive: true }, 'fullName is sensitive, as in §6');
  t.same(data.nationality, { value: 'MX', label: 'Nationality' }, 'a Mexican card says MX');
  t.same(
    Object.fromEntries(INE.map((k) => [k, data[k].label])),
    { curp: 'CURP', cde: 'Elector Key', ne: 'Emission Number', ocrNumber: 'OCR Number', address: 'Address' },
    '§5.5’s labels',
  );
  const curp = data.curp.value as string;
  t.match(curp, /^[A-Z]{4}\d{6}[HM][A-Z]{5}[0-9A-Z]\d$/, `CURP format (${curp})`);
  const dob = data.dateOfBirth.value as string;
  t.equal(curp.slice(4, 10), dob.slice(2, 4) + dob.slice(5, 7) + dob.slice(8, 10), 'the CURP carries the date of birth');
  t.equal(curp[10], data.sex.value === 'M' ? 'H' : 'M', 'and the sex (H hombre, M mujer)');
  t.equal(curp[0], (data.surname.value as string).normalize('NFD').replace(/[^A-Z]/g, '')[0], 'and the surname initial');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(curp[i]) * (18 - i);
  t.equal(curp[17], String((10 - (sum % 10)) % 10), 'RENAPO check digit');
  t.match(data.cde.value, /^[A-Z]{6}\d{8}[HM]\d{3}$/, `elector key: 18 characters (${data.cde.value})`);
  t.equal((data.cde.value as string).slice(6, 12), curp.slice(4, 10), 'the elector key carries the same date of birth');
  t.match(data.ne.value, /^\d{2}$/, 'emission number: 2 digits');
  t.match(data.ocrNumber.value, /^\d{13}$/, 'OCR number: 13 digits');
  t.match(data.address.value, /^C [A-Z ]+ \d+ COL [A-Z ]+ \d{5} [A-Z ]+, [A-Z]+$/, `an INE-style address (${data.address.value})`);

  // The same seed and clock give the same fields.
  const again = await setupMetamap(t);
  const second = await read(again, [nationalId('front', 'MX'), nationalId('back', 'MX')], [passportFile('id-front.jpg'), passportFile('id-back.jpg')]);
  t.same(second.data, data, 'reproducible from the seed');
});

t.test('other documents: no INE fields, nothing sensitive, nationality from the document’s country', async (t) => {
  const cases: [string, InputSpec[], string[], string][] = [
    ['a Mexican passport', [passportInput()], ['passport.jpg'], 'MX'],
    ['a Colombian national-id', [nationalId('front', 'CO'), nationalId('back', 'CO')], ['id-front.jpg', 'id-back.jpg'], 'CO'],
    ['a Chilean passport', [{ ...passportInput(), data: { ...passportInput().data, country: 'CL' } }], ['passport.jpg'], 'CL'],
  ];
  for (const [name, inputs, files, country] of cases) {
    const setup = await setupMetamap(t);
    const { data, document } = await read(setup, inputs, files.map((f) => passportFile(f)));
    t.same(Object.keys(data), COMMON, `${name}: the common fields only`);
    t.same(data.fullName, { value: data.fullName.value, label: 'Name' }, `${name}: fullName not marked sensitive`);
    t.equal(data.nationality.value, country, `${name}: nationality ${country}`);
    t.equal(document.country, country, `${name}: the document's country`);
  }
});
