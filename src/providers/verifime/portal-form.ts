// The portal wizard's form: pre-fill from customerContext (once: after submission the
// customer's own answers replace it), and reading the submitted fields. The customer's
// corrected names are what VerifiMe then knows them by, so they feed the staging
// middle-name convention and the webhook's customerName.
import type { Simulator } from '../../simulator.js';
import type { CustomerContext, VerifimeSession } from './session-data.js';

export const DETAIL_FIELDS = ['firstName', 'middleName', 'familyName', 'dateOfBirth', 'preferredContactNumber', 'address'] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];
export type Details = Record<DetailField, string>;

export const DOCUMENT_TYPES = [
  { value: 'passport', label: 'Passport', hint: 'Australian or foreign passport' },
  { value: 'driver-licence', label: 'Driver licence', hint: 'Australian state or territory licence' },
  { value: 'medicare', label: 'Medicare card', hint: 'with your photo' },
] as const;

export interface PortalForm {
  /** null when the post carried no wizard fields (e.g. a bare `scenario=` post). */
  readonly details: Details | null;
  readonly document: { type: string | null; number: string | null; file: string | null };
  readonly selfie: string | null;
  /** The outcome the customer picked, or null when the picker was left on its automatic choice. */
  readonly explicitScenario: string | null;
}

/** The wizard's initial values: customerContext, with a full name split when that is all there is. */
export function prefill(context: CustomerContext | null): Details {
  const out: Details = { firstName: '', middleName: '', familyName: '', dateOfBirth: '', preferredContactNumber: '', address: '' };
  if (!context) return out;
  for (const field of DETAIL_FIELDS) out[field] = context[field] ?? '';
  if (!context.firstName && !context.familyName && context.fullName) {
    const parts = context.fullName.trim().split(/\s+/);
    out.firstName = parts[0] ?? '';
    out.familyName = parts.length > 1 ? parts[parts.length - 1] : '';
    out.middleName = parts.slice(1, -1).join(' ');
  }
  return out;
}

export function readPortalForm(body: unknown, isScenario: (name: string) => boolean): PortalForm {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (name: string): string | null => {
    const value = fields[name];
    const str = typeof value === 'string' ? value.trim().slice(0, 200) : '';
    return str === '' ? null : str;
  };
  const hasDetails = DETAIL_FIELDS.some((f) => typeof fields[f] === 'string');
  const details = hasDetails ? (Object.fromEntries(DETAIL_FIELDS.map((f) => [f, text(f) ?? ''])) as Details) : null;
  const picked = text('scenario');
  const auto = text('scenarioAuto');
  return {
    details,
    document: { type: text('documentType'), number: text('documentNumber'), file: text('documentFile') },
    selfie: text('selfie'),
    explicitScenario: picked !== null && picked !== auto && isScenario(picked) ? picked : null,
  };
}

/** Records the wizard's answers; the customer's names and details replace the pre-fill. */
export function applyPortalForm(sim: Simulator, session: VerifimeSession, form: PortalForm): void {
  const invite = session.data.invite;
  const before = invite.customerContext;
  if (form.details) {
    const value = (f: DetailField) => (form.details![f] === '' ? null : form.details![f]);
    invite.customerContext = {
      fullName: null,
      firstName: value('firstName'),
      familyName: value('familyName'),
      middleName: value('middleName'),
      dateOfBirth: value('dateOfBirth'),
      preferredContactNumber: value('preferredContactNumber'),
      address: value('address'),
      ...(before?.callbackUrl !== undefined ? { callbackUrl: before.callbackUrl } : {}),
    };
  }
  session.data.portal = {
    prefill: before ? { ...before } : null,
    document: form.document,
    selfie: form.selfie,
    submittedAt: sim.clock.iso(),
  };
}
