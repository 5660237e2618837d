// Step errors a scenario may name by code, with MetaMap's type and message, and how each
// drives the automatic verification status (reference §5.4, §5.5, §7).
import type { Flow } from './flows.js';
import type { FinalStatus, StepId } from './vocabulary.js';

/** §5.4: `{type, code, message, reasonCode?, details?}`, in that key order. */
export interface StepError {
  type: string;
  code: string;
  message: string;
  reasonCode?: string;
  details?: Record<string, unknown>;
}

/** What a scenario item's `error` may say: a code, or the error spelled out. */
export type StepErrorSpec = string | { code: string; type?: string; message?: string; reasonCode?: string; details?: Record<string, unknown> };

export const KNOWN_ERRORS: Record<string, { type: string; message: string }> = {
  'alterationDetection.fraudAttempt': { type: 'StepError', message: 'Document is considered as fraud attempt' },
  'alterationDetection.negligence': { type: 'StepError', message: 'Document is considered as negligence' },
  'alterationDetection.tampered': { type: 'StepError', message: 'Document is considered tampered' },
  'templateMatching.noMatchFound': { type: 'StepError', message: 'Document did not match any valid template' },
  'facematch.differentPerson': { type: 'StepError', message: 'There are different persons on photos' },
  'underage.error': { type: 'StepError', message: 'This user is currently underage' },
  'underage.noDOB': { type: 'StepError', message: 'The date of birth could not be obtained' },
  'watchlists.notEnoughParams': { type: 'StepError', message: 'Not enough data to extract information' },
  'basicWatchlists.matchFound': { type: 'StepError', message: 'Match found in watchlists' },
  'premiumAmlWatchlists.matchFound': { type: 'StepError', message: 'Match found in premium AML watchlists' },
  'ip.vpnDetected': { type: 'StepError', message: 'The user is using a VPN/Proxy' },
  'ip.restricted': { type: 'StepError', message: 'The user is located in restricted region' },
  'ip.notFound': { type: 'StepError', message: 'No ip data found' },
  'ip.notValidParams': { type: 'StepError', message: 'Parameters validation error!' },
  'selfieFraudDetection.fraudAttempt': { type: 'StepError', message: 'Selfie is considered as fraud attempt' },
  'input.failed': { type: 'StepError', message: 'Cannot meet dependent input' },
  'node.failed': { type: 'StepError', message: 'Cannot meet dependent node' },
  'system.internalError': { type: 'SystemError', message: 'Internal error' },
  'system.serviceUnavailable': { type: 'SystemError', message: 'Service Unavailable' },
  'legacy.error': { type: 'LegacyError', message: 'User did not pass liveness' },
};

/**
 * Codes whose message MetaMap words per step (§5.4 LegacyError/SystemError, §5.5); other
 * steps keep the KNOWN_ERRORS message. "Document is considered tempered" is listed without
 * a step; alteration-detection is the only step it can describe.
 */
const STEP_MESSAGES: Record<string, Partial<Record<StepId, string>>> = {
  'legacy.error': {
    facematch: 'The face did not match the document',
    liveness: 'User did not pass liveness',
    watchlists: 'No data to extract information',
    'alteration-detection': 'Document is considered tempered',
  },
  'system.internalError': { liveness: 'Step timeout' },
};

/** The facematch failure kyc-sim derives from a low score; the code the facematch-low scenario names (§5.5 [gap]). */
export const FACEMATCH_FAILURE = 'facematch.differentPerson';

/** re-facematch's pass mark as a 0-1 fraction: the dashboard's re-verification default, 95 of 100 (§5.5, DASH). */
export const REFACEMATCH_THRESHOLD = 0.95;

/** Errors that point to fraud, or make verification impossible for legal reasons. */
const REJECTING = new Set(['alterationDetection.fraudAttempt', 'alterationDetection.tampered', 'selfieFraudDetection.fraudAttempt', 'underage.error']);

/** A premium AML match always says how it matched (§5.5); an exact name match unless the scenario says otherwise. */
function defaultDetails(code: string, details: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (code === 'premiumAmlWatchlists.matchFound') return { matchStatus: 'name_exact', ...details };
  return details;
}

/** The error of step `step` as MetaMap shows it; `step` picks the per-step default message. */
export function toStepError(spec: StepErrorSpec, step?: StepId): StepError {
  const given = typeof spec === 'object' ? spec : { code: spec };
  const { code } = given;
  const known = KNOWN_ERRORS[code];
  const error: StepError = {
    type: given.type || known?.type || 'StepError',
    code,
    message: given.message || (step && STEP_MESSAGES[code]?.[step]) || known?.message || code,
  };
  if (given.reasonCode) error.reasonCode = given.reasonCode;
  const details = defaultDetails(code, given.details);
  if (details) error.details = details;
  return error;
}

/**
 * The error a step's data implies when the scenario names none (§5.5, §7): a facematch
 * score under the flow's threshold (re-facematch: under REFACEMATCH_THRESHOLD), an underage customer, a date of birth not read.
 */
export function impliedError(id: StepId, data: unknown, flow: Flow): StepError | null {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (id === 'facematch' && typeof d.score === 'number' && d.score < flow.facematchThreshold) return toStepError(FACEMATCH_FAILURE, id);
  if (id === 're-facematch' && typeof d.facematchScore === 'number' && d.facematchScore < REFACEMATCH_THRESHOLD) return toStepError(FACEMATCH_FAILURE, id);
  if (id === 'age-check' && d.underage === true) return toStepError('underage.error', id);
  if (id === 'age-check' && d.underage === null) return toStepError('underage.noDOB', id);
  return null;
}

/** verified when no step failed; rejected on fraud or legal grounds; otherwise reviewNeeded. */
export function automaticStatus(errors: readonly StepError[]): FinalStatus {
  if (errors.length === 0) return 'verified';
  return errors.some((e) => REJECTING.has(e.code)) ? 'rejected' : 'reviewNeeded';
}
