// The `data` of each step, generated from the session's person (JSON Schema + faker,
// seeded per session) so that document fields, age checks and scores agree, and fitted to
// the flow's thresholds and to the step's error so that data and error never contradict.
import { readFileSync } from 'node:fs';
import { isPlainObject } from '../../core/plain-object.js';
import type { Simulator } from '../../simulator.js';
import type { Flow } from './flows.js';
import { verificationIdFor } from './ids.js';
import { mediaUrl, placeholderMedia } from './media.js';
import { ineFields } from './mexican-ine.js';
import type { DocumentField, DocumentState, MetamapSession, Person } from './session-data.js';
import { differentPersonData, reFacematchData } from './re-facematch.js';
import { FACEMATCH_FAILURE } from './step-errors.js';
import type { StepId } from './vocabulary.js';

const personSchema = JSON.parse(readFileSync(new URL('../../../fixtures/metamap/person.schema.json', import.meta.url), 'utf8')) as object;

export interface PersonFit {
  /** The scenario's customer age: wins over everything. */
  readonly age?: number;
  readonly ageThreshold: number;
  /** The scenario fails age-check with underage.error, so the customer must be under age. */
  readonly underage?: boolean;
}

/**
 * Generated values that belong to the person, keyed by the identity's first verification (the
 * session itself unless this is a re-verification): a re-verified identity is the same person
 * with the same documents.
 */
const identityKey = (session: MetamapSession) => `session/${verificationIdFor(session.data.identityId)}`;

/** The customer, generated once per session; dates of birth and age-check derive from it. */
export function personFor(sim: Simulator, session: MetamapSession, fit: PersonFit): Person {
  if (!session.data.person) {
    const person = sim.fake.generate<Person>(personSchema, `${identityKey(session)}/person`);
    session.data.person = { ...person, age: fit.age ?? fittedAge(person.age, fit.ageThreshold, fit.underage === true) };
  }
  return session.data.person;
}

/**
 * The generated age (21-68) passes the default threshold (18) as is; a flow with a higher
 * threshold would otherwise fail customers the scenario means to pass, so such ages are
 * lifted over it; a scenario naming underage.error gets a customer just under it.
 */
function fittedAge(generated: number, threshold: number, underage: boolean): number {
  if (underage) return generated < threshold ? generated : Math.max(0, threshold - 1);
  return generated >= threshold ? generated : threshold + (generated % 10);
}

/** The generated score (78-99) passes the default threshold (70) as is; lifted into [threshold, 100] for stricter flows. */
export function passingScore(generated: number, threshold: number): number {
  if (generated >= threshold) return generated;
  const floor = Math.ceil(threshold);
  return floor + (generated % (101 - floor));
}

/** A score of a different person: in [threshold/2, threshold), varied by the generated one. */
export function failingScore(generated: number, threshold: number): number {
  const half = Math.max(1, Math.floor(threshold / 2));
  return Math.min(half + (generated % half), Math.ceil(threshold) - 1);
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const YEAR = 365.25 * 24 * 3600_000;

/**
 * What document-reading reads off one document (§5.5). The nationality is the document's
 * country (a Mexican card does not say CL); a Mexican national-id (INE) adds its own fields
 * and, as in §6 and the PY cassettes, marks fullName sensitive. `key` seeds those fields.
 */
export function documentFields(sim: Simulator, person: Person, doc?: Pick<DocumentState, 'type' | 'country'>, key = 'document'): Record<string, DocumentField> {
  const now = sim.clock.now();
  const birth = now - person.age * YEAR - 40 * 24 * 3600_000;
  const emission = now - person.documentAgeYears * YEAR;
  const fullName = `${person.firstName} ${person.surname}`.toUpperCase();
  const country = doc?.country ? doc.country.toUpperCase() : person.nationality;
  const mexicanIne = doc?.type === 'national-id' && country === 'MX';
  return {
    fullName: mexicanIne ? { value: fullName, label: 'Name', sensitive: true } : { value: fullName, label: 'Name' },
    firstName: { value: person.firstName.toUpperCase(), label: 'First Name' },
    surname: { value: person.surname.toUpperCase(), label: 'Surname' },
    documentNumber: { value: person.documentNumber, label: 'Document Number' },
    dateOfBirth: { value: isoDate(birth), label: 'Day of Birth', format: 'date' },
    expirationDate: { value: isoDate(emission + person.validityYears * YEAR), label: 'Date of Expiration', format: 'date' },
    emissionDate: { value: isoDate(emission), label: 'Emission Date', format: 'date' },
    nationality: { value: country, label: 'Nationality' },
    sex: { value: person.sex, label: 'Sex' },
    ...(mexicanIne ? ineFields(sim, key, person, isoDate(birth)) : {}),
  };
}

/**
 * Default data of a step; undefined for steps that carry none (template-matching, …).
 * `doc`: the document a document-scoped step runs on.
 */
export function stepData(sim: Simulator, session: MetamapSession, id: StepId, person: Person, flow: Flow, doc?: DocumentState): unknown {
  const { ageThreshold } = flow;
  switch (id) {
    case 'document-reading':
      return documentFields(sim, person, doc, `${identityKey(session)}/document/${doc?.group ?? 0}`);
    case 're-facematch':
      return reFacematchData(sim, session, person);
    case 'facematch':
      return { score: passingScore(person.facematchScore, flow.facematchThreshold) };
    case 'age-check':
      return { age: person.age, ageThreshold, underage: person.age < ageThreshold };
    case 'ip-validation':
      return { ...person.location, safe: true };
    case 'liveness': {
      const video = session.data.uploads['selfie-video'] ?? placeholderMedia(session, 'liveness-video');
      const selfie = session.data.uploads['selfie-photo'] ?? placeholderMedia(session, 'liveness-selfie');
      return { videoUrl: mediaUrl(sim, video), spriteUrl: mediaUrl(sim, selfie), selfieUrl: { media: mediaUrl(sim, selfie), isUrl: true } };
    }
    case 'selfie':
      return { selfiePhotoUrl: mediaUrl(sim, session.data.uploads['selfie-photo'] ?? placeholderMedia(session, 'selfie')) };
    case 'voice':
      return { text: '1-2-3', videoUrl: mediaUrl(sim, placeholderMedia(session, 'liveness-video')) };
    case 'premium-aml-watchlists-search-validation':
      return {
        isMonitoringAvailable: false,
        nameSearched: `${person.firstName} ${person.surname}`,
        searchId: sim.random.fork(`session/${session.id}/aml`).int(100000, 999999),
        searchedOn: sim.clock.iso(),
      };
    default:
      return undefined;
  }
}

/** Data of a basic-watchlists match: which list, what was searched, what matched. */
export function watchlistMatch(sim: Simulator, person: Person) {
  const fullName = `${person.firstName} ${person.surname}`;
  return [
    {
      watchlist: { id: 1, name: 'OFAC Sanctions List' },
      searchedAt: sim.clock.iso(),
      searchParams: { fullName },
      searchResult: { name: fullName, matchType: 'name_exact', score: 1 },
    },
  ];
}

type Data = Record<string, unknown>;
type Patch = (data: Data, flow: Flow) => Data;

const lowScore: Patch = (data, flow) =>
  typeof data.score === 'number' && data.score < flow.facematchThreshold ? {} : { score: failingScore(Number(data.score) || 0, flow.facematchThreshold) };

/**
 * What a step's error says about its data (§5.5), by step id and error code: applied to the
 * generated data before the scenario's own `data`, which still wins.
 */
const ERROR_DATA: Partial<Record<StepId, Record<string, Patch>>> = {
  'ip-validation': { 'ip.vpnDetected': () => ({ safe: false }) },
  'age-check': {
    'underage.noDOB': () => ({ age: null, underage: null }),
    'underage.error': (data, flow) => ({ ...(typeof data.age === 'number' && data.age >= flow.ageThreshold ? { age: flow.ageThreshold - 1 } : {}), underage: true }),
  },
  // facematch fails below the flow's threshold (§5.5); legacy.error is "The face did not match the document" there.
  facematch: { [FACEMATCH_FAILURE]: lowScore, 'legacy.error': lowScore },
  're-facematch': { [FACEMATCH_FAILURE]: (data) => differentPersonData(data) },
};

/** The step's data made to agree with the error the scenario names for it. */
export function dataForError(id: StepId, code: string, data: unknown, flow: Flow): unknown {
  const patch = ERROR_DATA[id]?.[code];
  return patch && isPlainObject(data) ? { ...data, ...patch(data, flow) } : data;
}

/**
 * The scenario's `data` merged over the step's. On age-check without a named error, an
 * `age` or `ageThreshold` the scenario sets decides `underage` (unless it sets that too),
 * so the error derived from it matches the age shown.
 */
export function withScenarioData(id: StepId, data: unknown, override: Readonly<Data>, errorNamed: boolean): unknown {
  if (Object.keys(override).length === 0) return data;
  const merged: Data = { ...(data as Data | undefined), ...override };
  if (id === 'age-check' && !errorNamed && !('underage' in override) && ('age' in override || 'ageThreshold' in override)) {
    merged.underage = typeof merged.age === 'number' && typeof merged.ageThreshold === 'number' ? merged.age < merged.ageThreshold : null;
  }
  return merged;
}

/** Document fields with the date of birth unread (value null, as unread values are; §5.5). */
export function withoutBirthDate(data: unknown): unknown {
  const fields = data as Record<string, DocumentField> | undefined;
  return fields?.dateOfBirth ? { ...fields, dateOfBirth: { ...fields.dateOfBirth, value: null } } : data;
}
