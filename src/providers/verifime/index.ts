// The VerifiMe provider module, assembled.
import type { Config } from '../../core/config.js';
import type { Session } from '../../engine/session.js';
import type { Provider } from '../provider.js';
import { verifimeDelivery } from './delivery.js';
import { completeDataEntry, DEFAULT_SCENARIO } from './lifecycle.js';
import { assessmentPortalUrl, riskAssessmentUpdated } from './payloads.js';
import { verifimeRoutes } from './routes.js';
import { verifimeScenarioItemSchema } from './scenario-schema.js';
import type { VerifimeData, VerifimeSession } from './session-data.js';
import { inviteUrl } from './urls.js';
import { PROVIDER_ID, RISK_ASSESSMENT_UPDATED, type AssessmentStatus, type RiskLevel } from './vocabulary.js';

export function createVerifimeProvider(config: Config): Provider {
  const asVerifime = (session: Session) => session as unknown as VerifimeSession;
  return {
    id: PROVIDER_ID,
    title: 'VerifiMe',
    defaultScenario: DEFAULT_SCENARIO,
    scenarioItemSchema: verifimeScenarioItemSchema,
    delivery: verifimeDelivery(config),
    // VerifiMe shows a per-registration secret once; its format is not documented.
    generateSecret: (random) => random.hex(32),
    configuredEndpoints: () =>
      config.verifime.webhookUrl ? [{ url: config.verifime.webhookUrl, secret: config.verifime.webhookSecret, scope: null }] : [],
    async complete(sim, session, options) {
      completeDataEntry(sim, asVerifime(session), options.scenario);
    },
    timelineFor: (_sim, _session, scenario) => scenario.timeline,
    eventFor(sim, raw, step, entry) {
      const session = asVerifime(raw);
      const values = step.data as { assessmentStatus: AssessmentStatus; riskLevel: RiskLevel | null; customerName?: string };
      const payload = riskAssessmentUpdated(sim, session, values, entry.index);
      session.data.assessment = {
        status: payload.assessmentStatus,
        riskLevel: payload.riskLevel,
        customerName: payload.customerName,
        eventTimestamp: payload.eventTimestamp,
      };
      if (!config.verifime.interimEvents && values.assessmentStatus !== 'ASSESSED') {
        return { suppressed: `VERIFIME_INTERIM_EVENTS=false: ${values.assessmentStatus} events are not sent` };
      }
      return { eventName: RISK_ASSESSMENT_UPDATED, payload };
    },
    describe(sim, raw) {
      const { data } = asVerifime(raw);
      return {
        trackingReference: data.trackingReference,
        status: data.status,
        organisationCode: data.invite.code,
        email: data.invite.email,
        referenceData: data.invite.referenceData,
        inviteUrl: inviteUrl(sim.publicUrl, data.trackingReference),
        assessmentPortalUrl: assessmentPortalUrl(sim.publicUrl, data.assessmentId),
        assessment: data.assessment,
        portal: data.portal ?? null,
      };
    },
    routes: verifimeRoutes,
  };
}

export type { VerifimeData };
