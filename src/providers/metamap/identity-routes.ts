// The legacy identity API (reference §3 L1): POST /v2/identities creates an identity (with
// its first verification) the way the 2019 SDKs did, and GET /v2/identities/{id} reads it
// back (cuenca-mx/mati-python `Identity.retrieve()`; its cassette answers the create's shape).
import type { FastifyInstance } from 'fastify';
import type { Simulator } from '../../simulator.js';
import type { TokenIssuer } from './auth.js';
import { checkMetadata, unknownScenario } from './create-request.js';
import { flowNotFound, identityNotFound, invalidStructure, sendError } from './errors.js';
import type { Flow } from './flows.js';
import { newestLive, verificationsOf } from './identities.js';
import { createVerification } from './lifecycle.js';
import { bodyErrors, identityParamsSchema, legacyIdentitySchema, metamapError, unauthorized } from './schemas.js';
import type { MetamapSession } from './session-data.js';

const BEARER = [{ metamapBearer: [] }];
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The identity as the 2019 API showed it: created with its first verification (whose metadata
 * it keeps); its status is its current verification's (the newest not deleted, else the newest).
 */
function identityView(all: readonly MetamapSession[], merchantId: string) {
  const first = all[0];
  const current = newestLive(all)!;
  return {
    _id: first.data.identityId,
    alive: null,
    dateCreated: iso(first.createdAt),
    dateUpdated: iso(Math.max(first.createdAt, current.data.statusUpdatedAt)),
    metadata: first.data.metadata ?? {},
    status: current.data.identityStatus,
    user: merchantId,
  };
}

export function registerIdentityRoutes(api: FastifyInstance, sim: Simulator, flows: readonly Flow[], tokens: TokenIssuer): void {

  api.post<{ Body: { metadata?: Record<string, unknown>; flowId?: string } | null }>(
    '/v2/identities',
    {
      schema: {
        tags: ['MetaMap'],
        summary: 'Legacy: create an identity (the old SDK flow)',
        security: BEARER,
        body: legacyIdentitySchema,
        response: {
          200: { $ref: 'MetamapLegacyIdentity#', description: 'The identity, as the 2019 API answered' },
          400: metamapError('MoleculerError: invalid body, metadata over 4 KB or nested, unknown kyc-sim scenario'),
          401: unauthorized,
          404: metamapError('The flowId is not a configured flow (as on POST /v2/verifications)'),
          ...bodyErrors,
        },
      },
    },
    async (request, reply) => {
      const flowId = request.body?.flowId;
      const flow = flowId === undefined ? flows[0] : flows.find((f) => f.id === flowId.toLowerCase());
      if (!flow) return sendError(reply, flowNotFound(flowId!));
      const metadata = checkMetadata(request.body?.metadata);
      if (typeof metadata === 'string') return sendError(reply, invalidStructure(metadata));
      const scenarioError = unknownScenario(sim, metadata);
      if (scenarioError) return sendError(reply, invalidStructure(scenarioError));
      const session = createVerification(sim, { flow, metadata, ua: request.headers['user-agent'] ?? '', ip: request.ip, legacy: true });
      return identityView([session], tokens.merchantId);
    },
  );

  api.get<{ Params: { identity: string } }>(
    '/v2/identities/:identity',
    {
      schema: {
        tags: ['MetaMap'],
        summary: 'Legacy: the identity (status follows its current verification)',
        security: BEARER,
        params: identityParamsSchema,
        response: {
          200: { $ref: 'MetamapLegacyIdentity#', description: 'The identity, in the legacy create’s shape' },
          401: unauthorized,
          404: metamapError('NotFoundError: kyc-sim issued no such identity'),
        },
      },
    },
    async (request, reply) => {
      const all = verificationsOf(sim, request.params.identity);
      if (all.length === 0) return sendError(reply, identityNotFound());
      return identityView(all, tokens.merchantId);
    },
  );
}
