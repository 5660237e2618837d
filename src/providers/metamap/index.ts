// The MetaMap provider module, assembled.
import type { Config } from '../../core/config.js';
import type { Session } from '../../engine/session.js';
import { UnknownScenarioError } from '../../engine/scenario-catalogue.js';
import type { Provider } from '../provider.js';
import { metamapDelivery } from './delivery.js';
import { loadFlows, type Flow } from './flows.js';
import { completeInputs, DEFAULT_SCENARIO } from './lifecycle.js';
import { dashboardUrl, resourceUrl } from './resource.js';
import { verificationUrl } from './pages-verify.js';
import { metamapRoutes } from './routes.js';
import { metamapScenarioExtraSchema, metamapScenarioItemSchema } from './scenario-schema.js';
import type { MetamapSession } from './session-data.js';
import { fitTimeline, sessionFlow, timelineEvent } from './timeline.js';
import { PROVIDER_ID } from './vocabulary.js';

const SECRET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export interface MetamapProvider extends Provider {
  /** The configured flows (METAMAP_FLOWS), the first one the default. */
  readonly flows: readonly Flow[];
}

export function createMetamapProvider(config: Config): MetamapProvider {
  const flows: Flow[] = loadFlows(config.metamap.flowsFile);
  const asMetamap = (session: Session) => session as unknown as MetamapSession;
  const flowOf = (session: MetamapSession) => flows.find((f) => f.id === session.data.flowId) ?? flows[0];
  return {
    id: PROVIDER_ID,
    title: 'MetaMap',
    flows,
    defaultScenario: DEFAULT_SCENARIO,
    scenarioItemSchema: metamapScenarioItemSchema,
    scenarioExtraSchema: metamapScenarioExtraSchema,
    delivery: metamapDelivery(config),
    // MetaMap secrets need 16+ characters with upper case, lower case and a digit.
    generateSecret(random) {
      const body = Array.from({ length: 21 }, () => SECRET_ALPHABET[random.int(0, SECRET_ALPHABET.length - 1)]).join('');
      return `Kc${body}7`;
    },
    configuredEndpoints: () =>
      config.metamap.webhookUrl ? [{ url: config.metamap.webhookUrl, secret: config.metamap.webhookSecret, scope: null }] : [],
    async complete(sim, session, options) {
      if (options.scenario && !sim.catalogue.has(PROVIDER_ID, options.scenario)) {
        throw new UnknownScenarioError(PROVIDER_ID, options.scenario, sim.catalogue.names(PROVIDER_ID));
      }
      await completeInputs(sim, asMetamap(session), flowOf(asMetamap(session)), options.scenario);
    },
    timelineFor: (_sim, raw, scenario) => fitTimeline(sessionFlow(asMetamap(raw), flowOf(asMetamap(raw))), scenario),
    eventFor(sim, raw, step, entry) {
      const session = asMetamap(raw);
      const scenario = session.scenario ? sim.catalogue.list(PROVIDER_ID).find((s) => s.name === session.scenario) : undefined;
      return timelineEvent(sim, session, sessionFlow(session, flowOf(session)), step, scenario, entry);
    },
    describe(sim, raw) {
      const { data } = asMetamap(raw);
      return {
        identity: data.identityId,
        verificationId: data.verificationId,
        previousVerificationId: data.previousVerificationId,
        flowId: data.flowId,
        identityStatus: data.identityStatus,
        status: data.automaticStatus,
        expired: data.expired,
        deleted: data.deleted,
        metadata: data.metadata,
        inputs: data.inputs,
        resource: resourceUrl(sim, data.verificationId),
        matiDashboardUrl: dashboardUrl(sim, data.identityId),
        verificationUrl: verificationUrl(sim, data.identityId),
      };
    },
    routes: (sim) => metamapRoutes(sim, flows),
  };
}
