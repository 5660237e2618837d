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
  RouteNotFound: (method: string, path: string) => `No VerifiMe API route answers ${method} ${path}`,
  MethodNotAllowed: (method: string, allow: readonly string[]) => `${method} is not allowed here; use ${allow.join(' or ')}`,
  InvalidUrl: () => 'The request URL is malformed (bad percent-encoding or an over-long path segment)',
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

export interface FallbackAnswer {
  readonly status: number;
  readonly body: ErrorEnvelope;
  readonly headers: Record<string, string>;
}

const TRACKING_PATH = /^\/v1\/user\/signup\/tracking\/([^/]*)\/(?:status|force-verify)\/?$/;

// Requests no VerifiMe route takes still answer in VerifiMe's envelope (src/http/fallback.ts
// routes them here by path). CORS stays open, as on the real routes, so a browser caller sees
// the envelope rather than a CORS failure. A wrong method is 405 with Allow, as ASP.NET does.
export const verifimeFallback = {
  owns: (path: string) => path === '/v1' || path.startsWith('/v1/'),
  notFound(method: string, path: string): FallbackAnswer {
    return answer(404, { request: null, validationResults: [requestError('RouteNotFound', MESSAGES.RouteNotFound(method, path))] });
  },
  methodNotAllowed(method: string, _path: string, allow: readonly string[]): FallbackAnswer {
    const result = answer(405, { request: null, validationResults: [requestError('MethodNotAllowed', MESSAGES.MethodNotAllowed(method, allow))] });
    return { ...result, headers: { ...result.headers, allow: allow.join(', ') } };
  },
  /** Undecodable or over-long URL: on a tracking route that is a malformed tracking reference. */
  badUrl(path: string): FallbackAnswer {
    const tracking = TRACKING_PATH.exec(path);
    if (tracking) return answer(400, trackingError(tracking[1], 'InvalidTrackingReference'));
    return answer(400, { request: null, validationResults: [requestError('InvalidUrl', MESSAGES.InvalidUrl())] });
  },
};

function answer(status: number, body: ErrorEnvelope): FallbackAnswer {
  return { status, body, headers: { 'access-control-allow-origin': '*' } };
}
