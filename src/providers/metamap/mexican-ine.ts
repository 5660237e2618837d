// The fields a Mexican voter card (INE, `national-id` from MX) adds to document-reading
// (reference §5.5): curp, cde, ne, ocrNumber and address. CURP and elector key are derived
// from the person the other fields show (names, date of birth, sex), so they agree with them;
// the rest (state, serials, OCR, street) is drawn from the session's seeded fake data.
import type { Simulator } from '../../simulator.js';
import type { DocumentField, Person } from './session-data.js';

/** Where the card holder was born and lives: CURP state code, INE state number, an address. */
const PLACES = [
  { curp: 'DF', number: 9, state: 'CDMX', colonia: 'JUAREZ', zip: '06600', municipality: 'CUAUHTEMOC' },
  { curp: 'DF', number: 9, state: 'CDMX', colonia: 'DEL VALLE CENTRO', zip: '03100', municipality: 'BENITO JUAREZ' },
  { curp: 'DF', number: 9, state: 'CDMX', colonia: 'ROMA NORTE', zip: '06700', municipality: 'CUAUHTEMOC' },
  { curp: 'JC', number: 14, state: 'JAL', colonia: 'AMERICANA', zip: '44160', municipality: 'GUADALAJARA' },
  { curp: 'NL', number: 19, state: 'NL', colonia: 'CENTRO', zip: '64000', municipality: 'MONTERREY' },
  { curp: 'PL', number: 21, state: 'PUE', colonia: 'LA PAZ', zip: '72160', municipality: 'PUEBLA' },
  { curp: 'YN', number: 31, state: 'YUC', colonia: 'GARCIA GINERES', zip: '97070', municipality: 'MERIDA' },
];

// Only enums and bounded integers: fake-data's compiled fast path, no json-schema-faker run.
const ineSchema = {
  type: 'object',
  required: ['place', 'street', 'houseNumber', 'homoclave', 'cdeSerial', 'emission', 'ocrHigh', 'ocrLow'],
  properties: {
    place: { enum: PLACES },
    street: { enum: ['REFORMA', 'HIDALGO', 'JUAREZ', 'MORELOS', 'INDEPENDENCIA', 'ALLENDE', 'ZARAGOZA', 'GUERRERO'] },
    houseNumber: { type: 'integer', minimum: 1, maximum: 999 },
    // A digit for people born before 2000, a letter after; see curp().
    homoclave: { type: 'integer', minimum: 0, maximum: 259 },
    cdeSerial: { type: 'integer', minimum: 0, maximum: 999 },
    emission: { type: 'integer', minimum: 0, maximum: 4 },
    ocrHigh: { type: 'integer', minimum: 0, maximum: 9_999_999 },
    ocrLow: { type: 'integer', minimum: 0, maximum: 999_999 },
  },
} as const;

interface IneDraw {
  place: (typeof PLACES)[number];
  street: string;
  houseNumber: number;
  homoclave: number;
  cdeSerial: number;
  emission: number;
  ocrHigh: number;
  ocrLow: number;
}

const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';
const VOWELS = 'AEIOU';

/** A name part as CURPs spell it: no accents, capitals A-Z only; X when nothing is left. */
const letters = (name: string) => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]/g, '') || 'X';
const firstInternal = (name: string, wanted: (c: string) => boolean) => [...name.slice(1)].find(wanted) ?? 'X';
const isVowel = (c: string) => VOWELS.includes(c);
const isConsonant = (c: string) => !VOWELS.includes(c);

/** RENAPO's check digit: weights 18..2 over the first 17 characters. */
function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(first17[i]) * (18 - i);
  return String((10 - (sum % 10)) % 10);
}

/**
 * CURP: surname initial and first inner vowel, second surname initial (X: the card shows
 * one surname), first-name initial, YYMMDD, H/M, state, the three names' first inner
 * consonants, homoclave (a digit before 2000, a letter after), check digit.
 */
function curp(person: Person, birth: string, draw: IneDraw): string {
  const surname = letters(person.surname);
  const name = letters(person.firstName);
  const yymmdd = birth.slice(2, 4) + birth.slice(5, 7) + birth.slice(8, 10);
  const before2000 = birth < '2000';
  const homoclave = before2000 ? String(draw.homoclave % 10) : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[draw.homoclave % 26];
  const first17 =
    surname[0] + firstInternal(surname, isVowel) + 'X' + name[0] + yymmdd + (person.sex === 'M' ? 'H' : 'M') + draw.place.curp +
    firstInternal(surname, isConsonant) + 'X' + firstInternal(name, isConsonant) + homoclave;
  return first17 + checkDigit(first17);
}

/** Elector key: initial and first inner vowel of each name part, YYMMDD, state number, H/M, a serial. */
function electorKey(person: Person, birth: string, draw: IneDraw): string {
  const part = (s: string) => s[0] + firstInternal(s, isVowel);
  const yymmdd = birth.slice(2, 4) + birth.slice(5, 7) + birth.slice(8, 10);
  return part(letters(person.surname)) + 'XX' + part(letters(person.firstName)) + yymmdd + String(draw.place.number).padStart(2, '0') +
    (person.sex === 'M' ? 'H' : 'M') + String(draw.cdeSerial).padStart(3, '0');
}

/** The INE's own fields, in the order the PY cassette lists curp and address. */
export function ineFields(sim: Simulator, key: string, person: Person, birth: string): Record<string, DocumentField> {
  const draw = sim.fake.generate<IneDraw>(ineSchema, `${key}/ine`);
  const { place } = draw;
  return {
    curp: { value: curp(person, birth, draw), label: 'CURP' },
    cde: { value: electorKey(person, birth, draw), label: 'Elector Key' },
    ne: { value: String(draw.emission).padStart(2, '0'), label: 'Emission Number' },
    ocrNumber: { value: String(draw.ocrHigh).padStart(7, '0') + String(draw.ocrLow).padStart(6, '0'), label: 'OCR Number' },
    address: { value: `C ${draw.street} ${draw.houseNumber} COL ${place.colonia} ${place.zip} ${place.municipality}, ${place.state}`, label: 'Address' },
  };
}
