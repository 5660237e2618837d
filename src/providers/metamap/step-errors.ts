// Step errors a scenario may name by code, with MetaMap's type and message, and how each
// drives the automatic verification status (reference §5.4, §5.5, §7).
import type { FinalStatus } from './vocabulary.js';

export interface StepError {
  type: string;
  code: string;
  message: string;
  reasonCode?: string;
}

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
  'selfieFraudDetection.fraudAttempt': { type: 'StepError', message: 'Selfie is considered as fraud attempt' },
  'input.failed': { type: 'StepError', message: 'Cannot meet dependent input' },
  'node.failed': { type: 'StepError', message: 'Cannot meet dependent node' },
  'system.internalError': { type: 'SystemError', message: 'Internal error' },
  'system.serviceUnavailable': { type: 'SystemError', message: 'Service Unavailable' },
  'legacy.error': { type: 'LegacyError', message: 'User did not pass liveness' },
};

/** Errors that point to fraud, or make verification impossible for legal reasons. */
const REJECTING = new Set(['alterationDetection.fraudAttempt', 'alterationDetection.tampered', 'selfieFraudDetection.fraudAttempt', 'underage.error']);

export function toStepError(spec: string | { code: string; type?: string; message?: string; reasonCode?: string }): StepError {
  const code = typeof spec === 'string' ? spec : spec.code;
  const known = KNOWN_ERRORS[code];
  const error: StepError = {
    type: (typeof spec === 'object' && spec.type) || known?.type || 'StepError',
    code,
    message: (typeof spec === 'object' && spec.message) || known?.message || code,
  };
  if (typeof spec === 'object' && spec.reasonCode) error.reasonCode = spec.reasonCode;
  return error;
}

/** verified when no step failed; rejected on fraud or legal grounds; otherwise reviewNeeded. */
export function automaticStatus(errors: readonly StepError[]): FinalStatus {
  if (errors.length === 0) return 'verified';
  return errors.some((e) => REJECTING.has(e.code)) ? 'rejected' : 'reviewNeeded';
}
