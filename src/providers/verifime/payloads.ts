// RISK_ASSESSMENT_UPDATED exactly as documented (reference/verifime-api.md §6.3), keys in
// the documented order. No trackingReference: consumers correlate through metadata.
import type { Simulator } from '../../simulator.js';
import type { AssessmentStatus, RiskLevel } from './vocabulary.js';
import { RISK_ASSESSMENT_UPDATED } from './vocabulary.js';
import { generatedCustomerSchema } from './schemas.js';
import { knownCustomerName, type VerifimeSession } from './session-data.js';

export interface RiskAssessmentUpdated {
  eventId: string;
  eventName: typeof RISK_ASSESSMENT_UPDATED;
  customerName: string;
  assessmentStatus: AssessmentStatus;
  riskLevel: RiskLevel | null;
  assessmentPortalUrl: string;
  eventTimestamp: string;
  metadata: string | null;
}

export function assessmentPortalUrl(publicUrl: string, assessmentId: string): string {
  return `${publicUrl}/client-portal/assessments/${assessmentId}`;
}

/** ISO 8601 in UTC with a Z and whole seconds, as in VerifiMe's example. */
export function eventTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// The name generated for a session, kept with the session object so its second and third
// events do not generate it again (the value is reproducible from the seed either way).
const generatedNames = new WeakMap<VerifimeSession, string>();

export function customerNameFor(sim: Simulator, session: VerifimeSession, override?: string): string {
  if (override !== undefined) return override;
  const known = knownCustomerName(session.data.invite.customerContext);
  if (known !== null) return known;
  let name = generatedNames.get(session);
  if (name === undefined) {
    const person = sim.fake.generate<{ firstName: string; lastName: string }>(generatedCustomerSchema, `session/${session.id}/customer`);
    name = `${person.firstName} ${person.lastName}`;
    generatedNames.set(session, name);
  }
  return name;
}

export function riskAssessmentUpdated(
  sim: Simulator,
  session: VerifimeSession,
  values: { assessmentStatus: AssessmentStatus; riskLevel: RiskLevel | null; customerName?: string },
  eventIndex: number,
): RiskAssessmentUpdated {
  return {
    eventId: sim.random.fork(`session/${session.id}/event/${eventIndex}`).uuid(),
    eventName: RISK_ASSESSMENT_UPDATED,
    customerName: customerNameFor(sim, session, values.customerName),
    assessmentStatus: values.assessmentStatus,
    riskLevel: values.assessmentStatus === 'PENDING' ? null : values.riskLevel,
    assessmentPortalUrl: assessmentPortalUrl(sim.publicUrl, session.data.assessmentId),
    eventTimestamp: eventTimestamp(sim.clock.now()),
    metadata: session.data.invite.referenceData,
  };
}
