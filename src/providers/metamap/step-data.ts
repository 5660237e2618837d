// The `data` of each step, generated from the session's person (JSON Schema + faker,
// seeded per session) so that document fields, age checks and scores agree.
import { readFileSync } from 'node:fs';
import type { Simulator } from '../../simulator.js';
import { mediaUrl, placeholderMedia } from './media.js';
import type { DocumentField, MetamapSession, Person } from './session-data.js';
import type { StepId } from './vocabulary.js';

const personSchema = JSON.parse(readFileSync(new URL('../../../fixtures/metamap/person.schema.json', import.meta.url), 'utf8')) as object;

export function personFor(sim: Simulator, session: MetamapSession, age?: number): Person {
  if (!session.data.person) {
    const person = sim.fake.generate<Person>(personSchema, `session/${session.id}/person`);
    session.data.person = age === undefined ? person : { ...person, age };
  }
  return session.data.person;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const YEAR = 365.25 * 24 * 3600_000;

export function documentFields(sim: Simulator, person: Person): Record<string, DocumentField> {
  const now = sim.clock.now();
  const birth = now - person.age * YEAR - 40 * 24 * 3600_000;
  const emission = now - person.documentAgeYears * YEAR;
  const fullName = `${person.firstName} ${person.surname}`.toUpperCase();
  return {
    fullName: { value: fullName, label: 'Name' },
    firstName: { value: person.firstName.toUpperCase(), label: 'First Name' },
    surname: { value: person.surname.toUpperCase(), label: 'Surname' },
    documentNumber: { value: person.documentNumber, label: 'Document Number' },
    dateOfBirth: { value: isoDate(birth), label: 'Day of Birth', format: 'date' },
    expirationDate: { value: isoDate(emission + person.validityYears * YEAR), label: 'Date of Expiration', format: 'date' },
    emissionDate: { value: isoDate(emission), label: 'Emission Date', format: 'date' },
    nationality: { value: person.nationality, label: 'Nationality' },
    sex: { value: person.sex, label: 'Sex' },
  };
}

/** Default data of a step; undefined for steps that carry none (template-matching, …). */
export function stepData(sim: Simulator, session: MetamapSession, id: StepId, person: Person, ageThreshold: number): unknown {
  switch (id) {
    case 'document-reading':
      return documentFields(sim, person);
    case 'facematch':
      return { score: person.facematchScore };
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
