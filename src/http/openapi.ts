// The OpenAPI 3.1 document served at /documentation (JSON at /documentation/json): every
// route that is not hidden, with a response schema per status; the shared schemas (`$id`)
// under components.schemas by name; and the 3.1 top-level `webhooks` section with the body
// and signature headers of every event each provider sends. @fastify/swagger takes the
// document version from `openapi.openapi` and passes `webhooks` through as written.
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { metamapWebhooks } from '../providers/metamap/webhook-schemas.js';
import { verifimeWebhooks } from '../providers/verifime/webhook-schemas.js';
import type { Simulator } from '../simulator.js';
import { VERSION } from '../version.js';

type Webhooks = Extract<NonNullable<FastifyDynamicSwaggerOptions['openapi']>, { webhooks?: unknown }>['webhooks'];

export function openapiOptions(sim: Simulator): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'kyc-sim',
        version: VERSION,
        description:
          'Local simulator of the VerifiMe and MetaMap APIs. Provider routes answer as the providers do; /__admin is kyc-sim’s own API. ' +
          'The `webhooks` section describes every signed event body the simulator sends.',
      },
      servers: [{ url: sim.publicUrl }],
      tags: [
        { name: 'VerifiMe', description: 'VerifiMe public API' },
        { name: 'MetaMap', description: 'MetaMap public API (Bearer token from POST /oauth)' },
        { name: 'admin', description: 'kyc-sim admin API (/__admin)' },
      ],
      components: {
        securitySchemes: {
          metamapBasic: { type: 'http', scheme: 'basic', description: 'client_id:client_secret (METAMAP_CLIENT_ID / METAMAP_CLIENT_SECRET)' },
          metamapBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'access_token from POST /oauth' },
        },
      },
      // Plain OpenAPI 3.1 Path Items; their `as const` literal types are only narrower than openapi-types'.
      webhooks: { ...verifimeWebhooks, ...metamapWebhooks } as unknown as Webhooks,
    },
    // Shared schemas keep their $id as their component name (the default is def-0, def-1, …).
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  };
}

/**
 * Response schemas document and are tested (test/contracts); they do not shape the answer.
 * fastify's default serializer would drop any property a schema does not list and reorder
 * keys, hiding exactly the drift the contract tests look for, so answers are JSON.stringify'd.
 */
export const plainJsonSerializer = {
  compilersFactory: { buildSerializer: () => () => (data: unknown) => JSON.stringify(data) },
};
