// What kyc-sim keeps about one MetaMap verification.
import type { Session } from '../../engine/session.js';
import type { StepError } from './step-errors.js';
import type { DocumentType, FinalStatus, IdentityStatus, InputType, StepId } from './vocabulary.js';

export interface StepState {
  status: 0 | 200;
  id: StepId;
  data?: unknown;
  error: StepError | null;
}

export interface DocumentState {
  group: number;
  type: DocumentType | null;
  country: string | null;
  region: string;
  pages: string[];
  photos: string[];
  fields: Record<string, DocumentField> | null;
  steps: StepState[];
}

export interface DocumentField {
  value: string | null;
  label: string;
  format?: 'date';
  /** Personal data MetaMap masks in its dashboard (the MX INE's fullName in §6 and the cassettes). */
  sensitive?: boolean;
}

/** A document front that arrived without its back: MetaMap waits 10 minutes, or until E7 skips the wait. */
export interface BackSideWait {
  group: number;
  /** The scenario the verification page's picker chose with that upload, if any. */
  explicit: string | null;
}

export interface InputState {
  id: string;
  status: 0 | 200;
  group?: number;
  optional?: boolean;
}

export interface MediaFile {
  contentType: string;
  filename: string;
  bytes: Buffer;
}

export interface Person {
  firstName: string;
  surname: string;
  sex: 'M' | 'F';
  documentNumber: string;
  nationality: string;
  age: number;
  documentAgeYears: number;
  validityYears: number;
  facematchScore: number;
  location: Record<string, string | number>;
}

export interface MetamapData {
  identityId: string;
  verificationId: string;
  flowId: string;
  metadata: Record<string, unknown> | null;
  deviceFingerprint: { ua: string; ip: string; vpnDetectionEnabled: boolean };
  identityStatus: IdentityStatus;
  /** When identityStatus last changed (GET /v2/identities/{id} `dateUpdated`). */
  statusUpdatedAt: number;
  /** The status MetaMap assigned automatically; immutable once set (webhook `status`). */
  automaticStatus: FinalStatus | null;
  expired: boolean;
  deleted: boolean;
  legacy: boolean;
  // Lists and records below are replaced, never changed in place: a new verification shares
  // its flow's initial inputs and steps and the empty ones (initial-state.ts) until it has
  // its own.
  inputs: readonly Readonly<InputState>[];
  documents: readonly DocumentState[];
  steps: readonly StepState[];
  media: Readonly<Record<string, MediaFile>>;
  /** Media token of each biometric upload, by input type. */
  uploads: Readonly<Partial<Record<InputType, string>>>;
  person: Person | null;
  backSideWaits: readonly BackSideWait[];
  /** On an identity's first verification: the ids of its re-verifications, oldest first. */
  reverifications: readonly string[];
  /** On a re-verification: the identity's latest verification before this one. */
  previousVerificationId: string | null;
}

export type MetamapSession = Session<MetamapData>;

/** A scenario named in the create call's metadata: `{ "scenario": "<name>" }`. */
export function metadataScenario(metadata: Record<string, unknown> | null): string | null {
  const value = metadata?.scenario;
  return typeof value === 'string' && value !== '' ? value : null;
}
