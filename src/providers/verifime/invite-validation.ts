// Turns an invite body into VerifiMe's normalised request echo and its validation
// results: schema errors from fastify's validator first, then the checks that need
// configuration (organisation codes, scenario names).
import type { ErrorObject } from 'ajv';
import type { OrganisationCode } from '../../core/config.js';
import { isPlainObject } from '../../core/plain-object.js';
import { fieldError, MESSAGES, requestError, type ValidationResult } from './errors.js';
import { PERSON_NAME_CHAR } from './schemas.js';
import { referenceDataScenario, type CustomerContext, type InviteRequest } from './session-data.js';

const CONTEXT_FIELDS = ['fullName', 'firstName', 'familyName', 'middleName', 'dateOfBirth', 'preferredContactNumber', 'address'] as const;
const NAME_FIELDS = new Set(['fullName', 'firstName', 'familyName', 'middleName']);

export interface InviteChecks {
  readonly orgCodes: OrgCodeIndex;
  /** VerifiMe's scenario names; asked only when referenceData names a scenario. */
  readonly scenarioNames: () => readonly string[];
}

/** The configured organisation codes by upper-case code, and the lengths a code may have. */
export interface OrgCodeIndex {
  readonly byCode: ReadonlyMap<string, OrganisationCode>;
  readonly lengths: ReadonlySet<number>;
}

/** Built once per route: every invite looks its code up here. */
export function indexOrgCodes(orgCodes: readonly OrganisationCode[]): OrgCodeIndex {
  return {
    byCode: new Map(orgCodes.map((o) => [o.code.toUpperCase(), o])),
    lengths: new Set(orgCodes.map((o) => o.code.length)),
  };
}

/** The request as VerifiMe echoes it: every known field present, absent ones null. */
export function normaliseInvite(body: unknown): InviteRequest {
  const raw = isPlainObject(body) ? body : {};
  const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  let customerContext: CustomerContext | null = null;
  if (isPlainObject(raw.customerContext)) {
    const ctx = raw.customerContext;
    customerContext = Object.fromEntries(CONTEXT_FIELDS.map((f) => [f, str(ctx[f])])) as unknown as CustomerContext;
    if (ctx.callbackUrl !== undefined) customerContext.callbackUrl = str(ctx.callbackUrl);
  }
  return {
    email: str(raw.email),
    code: str(raw.code),
    referenceData: str(raw.referenceData),
    customerContext,
    sendInvitationEmail: raw.sendInvitationEmail === true,
  };
}

export function validateInvite(body: unknown, schemaErrors: readonly ErrorObject[], checks: InviteChecks): ValidationResult[] {
  if (!isPlainObject(body)) return [requestError('InvalidRequestBody', MESSAGES.InvalidRequestBody())];
  const results: ValidationResult[] = [];
  // One result per field; a handful at most, so a scan beats keeping a set on every invite.
  const add = (result: ValidationResult) => {
    if (!results.some((r) => r.path === result.path && r.name === result.name)) results.push(result);
  };
  // Missing, null or blank email/code is FieldRequired, whatever else the schema says.
  for (const name of ['email', 'code'] as const) {
    const value = body[name];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      add(fieldError('', name, 'FieldRequired', MESSAGES.FieldRequired(name)));
    }
  }
  for (const error of schemaErrors) if (error.keyword !== 'required') add(fromSchemaError(error, body));

  if (typeof body.code === 'string' && body.code.trim() !== '') {
    const orgProblem = orgCodeResult(body.code, checks.orgCodes);
    if (orgProblem) add(orgProblem);
  }
  const scenario = typeof body.referenceData === 'string' ? referenceDataScenario(body.referenceData) : null;
  if (scenario !== null) {
    const names = checks.scenarioNames();
    if (!names.includes(scenario)) add(fieldError('', 'referenceData', 'UnknownSimulatorScenario', MESSAGES.UnknownSimulatorScenario(scenario, names)));
  }
  return results.length > 1 ? results.sort((a, b) => fieldRank(a) - fieldRank(b)) : results;
}

// VerifiMe lists problems in request order: top-level fields, then customerContext's.
const FIELD_ORDER = ['email', 'code', 'referenceData', 'customerContext', ...CONTEXT_FIELDS, 'callbackUrl', 'sendInvitationEmail'];
function fieldRank(result: ValidationResult): number {
  const index = FIELD_ORDER.indexOf(result.name);
  return index === -1 ? FIELD_ORDER.length : index;
}

function orgCodeResult(code: string, orgCodes: OrgCodeIndex): ValidationResult | null {
  if (!orgCodes.lengths.has(code.length)) return fieldError('', 'code', 'InvalidOrganisationCodeLength', MESSAGES.InvalidOrganisationCodeLength());
  const org = orgCodes.byCode.get(code.toUpperCase());
  if (!org) return fieldError('', 'code', 'InvalidOrganisationCode', MESSAGES.InvalidOrganisationCode());
  if (org.status !== 'Active') return fieldError('', 'code', 'InactiveOrganisationCode', MESSAGES.InactiveOrganisationCode());
  return null;
}

function fromSchemaError(error: ErrorObject, body: Record<string, unknown>): ValidationResult {
  const segments = error.instancePath.split('/').slice(1);
  const name = segments.pop() ?? '';
  const path = segments.join('.');
  if (error.keyword === 'type') {
    const type = String((error.params as { type: string | string[] }).type).split(',')[0];
    return fieldError(path, name, 'InvalidFieldType', MESSAGES.InvalidFieldType(name, type === 'object' ? 'JSON object' : type));
  }
  if (NAME_FIELDS.has(name) && error.keyword === 'pattern') {
    const value = String((body.customerContext as Record<string, unknown>)[name] ?? '');
    const position = [...value].findIndex((ch) => !PERSON_NAME_CHAR.test(ch));
    return fieldError(path, name, 'PersonNameInvalidCharacter', MESSAGES.PersonNameInvalidCharacter(Math.max(0, position)));
  }
  if (name === 'email') return fieldError(path, name, 'InvalidEmailAddress', MESSAGES.InvalidEmailAddress());
  if (name === 'dateOfBirth') return fieldError(path, name, 'InvalidDateOfBirth', MESSAGES.InvalidDateOfBirth());
  if (name === 'preferredContactNumber') return fieldError(path, name, 'InvalidContactNumber', MESSAGES.InvalidContactNumber());
  if (name === 'callbackUrl') return fieldError(path, name, 'InvalidCallbackUrl', MESSAGES.InvalidCallbackUrl());
  return fieldError(path, name, 'InvalidFieldType', error.message ?? 'invalid value');
}
