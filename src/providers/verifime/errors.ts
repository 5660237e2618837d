// VerifiMe's validation envelope: the normalised request echo plus one entry per problem
// (reference/verifime-api.md §4). Messages live here so they read the same everywhere.
import type { InviteRequest } from './session-data.js';

export interface ValidationResult {
  path: string;
  name: string;
  resultType: 'Error';
  resultName: string;
  resultScope: 'Field' | 'Request';
  message: string;
}

export interface ErrorEnvelope {
  request: InviteRequest | Record<string, unknown> | null;
  validationResults: ValidationResult[];
}

export const MESSAGES = {
  FieldRequired: (name: string) => `Supplied ${label(name)} is required`,
  InvalidFieldType: (name: string, type: string) => `Supplied ${label(name)} must be a ${type}`,
  InvalidEmailAddress: () => 'Supplied email address is not a valid email address',
  InvalidOrganisationCodeLength: () => 'Supplied organisation code is not the correct length',
  InvalidOrganisationCode: () => 'Supplied organisation code does not exist',
  InactiveOrganisationCode: () => 'Supplied organisation code is not active',
  PersonNameInvalidCharacter: (position: number) => `A person name is not allowed to have the character at position ${position}`,
  InvalidDateOfBirth: () => 'Date of birth must be an ISO 8601 date (YYYY-MM-DD)',
  InvalidContactNumber: () => 'Preferred contact number may only contain digits, spaces, +, ( ) and -',
  InvalidCallbackUrl: () => 'Callback URL must be an absolute URI',
  InvalidRequestBody: () => 'The request body must be a JSON object',
  UnsupportedMediaType: () => 'The request body must be sent as application/json',
  RequestTooLarge: () => 'The request body is too large',
  UnknownSimulatorScenario: (name: string, valid: readonly string[]) =>
    `kyc-sim: unknown scenario "${name}" in referenceData; valid scenarios: ${valid.join(', ')}`,
  InvalidTrackingReference: () => 'Supplied tracking reference is not a valid UUID',
  TrackingReferenceNotFound: () => 'Supplied tracking reference does not exist',
} as const;

function label(name: string): string {
  const labels: Record<string, string> = { email: 'email address', code: 'organisation code' };
  return labels[name] ?? name;
}

export function fieldError(path: string, name: string, resultName: keyof typeof MESSAGES, message: string): ValidationResult {
  return { path, name, resultType: 'Error', resultName, resultScope: 'Field', message };
}

export function requestError(resultName: keyof typeof MESSAGES, message: string): ValidationResult {
  return { path: '', name: '', resultType: 'Error', resultName, resultScope: 'Request', message };
}

export function trackingError(trackingReference: string, resultName: 'InvalidTrackingReference' | 'TrackingReferenceNotFound'): ErrorEnvelope {
  return {
    request: { trackingReference },
    validationResults: [fieldError('', 'trackingReference', resultName, MESSAGES[resultName]())],
  };
}
