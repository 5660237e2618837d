// What kyc-sim keeps about one VerifiMe tracking reference.
import type { Session } from '../../engine/session.js';
import type { AssessmentStatus, RiskLevel, TrackingStatus } from './vocabulary.js';

export interface CustomerContext {
  fullName: string | null;
  firstName: string | null;
  familyName: string | null;
  middleName: string | null;
  dateOfBirth: string | null;
  preferredContactNumber: string | null;
  address: string | null;
  callbackUrl?: string | null;
}

export interface InviteRequest {
  email: string | null;
  code: string | null;
  referenceData: string | null;
  customerContext: CustomerContext | null;
  sendInvitationEmail: boolean;
}

/** What the customer entered in the portal wizard (the simulated document and selfie). */
export interface PortalSubmission {
  /** The customerContext as the invite pre-filled it, before the customer's corrections. */
  prefill: CustomerContext | null;
  document: { type: string | null; number: string | null; file: string | null };
  selfie: string | null;
  submittedAt: string;
}

export interface VerifimeData {
  trackingReference: string;
  /**
   * The assessment's own id, in its client-portal URL. Not the tracking reference: VerifiMe's
   * webhook carries no tracking reference (reference §6.3), so its URL must not either.
   */
  assessmentId: string;
  invite: InviteRequest;
  status: TrackingStatus;
  /** Set when the customer submits the portal wizard. */
  portal?: PortalSubmission;
  /** Replaced with each assessment event; until the first, NO_ASSESSMENT (shared by every session). */
  assessment: Assessment;
}

export interface Assessment {
  readonly status: AssessmentStatus | null;
  readonly riskLevel: RiskLevel | null;
  readonly customerName: string | null;
  readonly eventTimestamp: string | null;
}

/** Not assessed yet: one frozen object rather than one per tracking reference, kept for the simulator's life. */
export const NO_ASSESSMENT: Assessment = Object.freeze({ status: null, riskLevel: null, customerName: null, eventTimestamp: null });

export type VerifimeSession = Session<VerifimeData>;

/** Staging convention: a middle name containing "pep" and/or "sanction" (any case). */
export function conventionScenario(context: CustomerContext | null): string | null {
  const middle = context?.middleName?.toLowerCase() ?? '';
  const pep = middle.includes('pep');
  const sanction = middle.includes('sanction');
  if (pep && sanction) return 'pep-sanction';
  if (pep) return 'pep';
  if (sanction) return 'sanction';
  return null;
}

/**
 * A scenario named in referenceData: either a JSON object with a "scenario" key, or a
 * `scenario=<name>` / `scenario:<name>` token anywhere in the string.
 */
export function referenceDataScenario(referenceData: string | null): string | null {
  if (!referenceData) return null;
  const text = referenceData.trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as { scenario?: unknown };
      if (typeof parsed.scenario === 'string' && parsed.scenario !== '') return parsed.scenario;
    } catch {
      // not JSON: fall through to the token form
    }
  }
  const match = /(?:^|[\s;&,|?])scenario[=:]([A-Za-z0-9._-]+)/.exec(text);
  return match ? match[1] : null;
}

/** The name VerifiMe would report: the pre-filled name, else one generated for the session. */
export function knownCustomerName(context: CustomerContext | null): string | null {
  if (!context) return null;
  if (context.fullName) return context.fullName;
  const parts = [context.firstName, context.middleName, context.familyName].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' ') : null;
}
