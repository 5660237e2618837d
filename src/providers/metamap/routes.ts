// MetaMap's API on its real paths: verifications (create, re-verify), inputs and the skip of
// the back-side wait, the resource, status changes, deletion and media; OAuth (oauth.ts) and
// the legacy identities (identity-routes.ts) are registered from here. Every failure answers
// in MetaMap's own error shape.
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { JSON_CONTENT_TYPE } from '../../core/json-text.js';
import type { Simulator } from '../../simulator.js';
import { createTokenIssuer } from './auth.js';
import { readMultipartForm, UPLOAD_LIMITS } from './multipart.js';
import { flowNotFound, identityNotFound, invalidClient, invalidStructure, mediaMalformed, MESSAGES, notFound, sendError } from './errors.js';
import type { Flow } from './flows.js';
import { checkMetadata, createResponseJsonMaker, unknownScenario } from './create-request.js';
import { currentVerification, verificationsOf } from './identities.js';
import { registerIdentityRoutes } from './identity-routes.js';
import { changeStatus, createVerification, deleteVerification, LifecycleError } from './lifecycle.js';
import { skipBackSideWait, submitInputs } from './input-submission.js';
import { registerOAuthRoutes } from './oauth.js';
import { verificationOfToken } from './media.js';
import { metamapPages } from './pages.js';
import { verificationResource } from './resource.js';
import {
  bodyErrors,
  createVerificationSchema,
  metamapError,
  metamapSharedSchemas,
  statusBodySchema,
  unauthorized,
  verificationParamsSchema,
} from './schemas.js';
import type { MetamapData, MetamapSession } from './session-data.js';
import { PROVIDER_ID } from './vocabulary.js';
import { metamapWebhookSchemas } from './webhook-schemas.js';

type IdParams = { Params: { id: string } };
const BEARER = [{ metamapBearer: [] }];
const notFoundResponse = metamapError('NotFoundError: no such verification (or it was deleted)');
// Media answer with the uploaded file's own content type, hence the */* range.
const binary = (description: string) => ({ description, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } });

export function metamapRoutes(sim: Simulator, flows: readonly Flow[]): FastifyPluginAsync {
  return async (app) => {
    const tokens = createTokenIssuer(sim);
    const flowOf = (session: MetamapSession) => flows.find((f) => f.id === session.data.flowId) ?? flows[0];
    const find = (id: string): MetamapSession | undefined => {
      const session = sim.store.get<MetamapData>(id.toLowerCase());
      return session?.provider === PROVIDER_ID && !session.data.deleted ? (session as MetamapSession) : undefined;
    };

    app.setErrorHandler((error: FastifyError, _request, reply) => {
      if (error instanceof LifecycleError) return sendError(reply, { code: error.statusCode, message: error.message });
      if (error.validation) return sendError(reply, invalidStructure(error.message));
      if (error.statusCode !== undefined && error.statusCode < 500) return sendError(reply, { ...invalidStructure(error.message), code: error.statusCode });
      sim.logger.error({ err: error }, 'unexpected error on a MetaMap route');
      return sendError(reply, { code: 500, message: 'Internal server error', name: 'MoleculerError' });
    });
    // Wrong types are errors, never coerced (fastify's default would turn ["x"] into "x").
    const ajv = new Ajv({ coerceTypes: false, strict: false, validateSchema: false });
    addFormats.default(ajv);
    app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
    for (const schema of [...metamapSharedSchemas, ...metamapWebhookSchemas]) app.addSchema(schema);
    await app.register(formbody);

    registerOAuthRoutes(app, sim, tokens);
    const createResponseJson = createResponseJsonMaker();

    await app.register(async (api) => {
      // Missing, malformed or expired tokens all get MetaMap's 401 invalid_client body.
      // Callback style with a synchronous answer for known tokens: no promise per API call.
      api.addHook('onRequest', (request, reply, done) => {
        const refuse = () => sendError(reply, invalidClient(401, MESSAGES.clientInvalid));
        const known = tokens.acceptsKnown(request.headers.authorization);
        if (known !== undefined) return void (known ? done() : refuse());
        tokens.accepts(request.headers.authorization).then((valid) => (valid ? done() : refuse()), done);
      });

      api.post<{ Body: { flowId: string; metadata?: Record<string, unknown>; identityId?: string } }>(
        '/v2/verifications',
        {
          schema: {
            tags: ['MetaMap'],
            summary: 'Start a verification, or re-verify an identity with `identityId` (fires verification_started)',
            security: BEARER,
            body: createVerificationSchema,
            response: {
              200: { $ref: 'MetamapVerificationCreated#', description: 'The documented create response' },
              400: metamapError('MoleculerError: invalid body (an identityId that is not a 24-hex ObjectId too), metadata over 4 KB or nested, unknown kyc-sim scenario'),
              401: unauthorized,
              404: metamapError('The flowId is not a configured flow, or kyc-sim issued no identity with this identityId'),
              ...bodyErrors,
            },
          },
        },
        // Synchronous, answering through reply.send: nothing here awaits, and an async handler
        // would cost every create a promise and a microtask before its answer is written.
        (request, reply) => {
          const flow = flows.find((f) => f.id === request.body.flowId.toLowerCase());
          if (!flow) return void sendError(reply, flowNotFound(request.body.flowId));
          const earlier = request.body.identityId === undefined ? [] : verificationsOf(sim, request.body.identityId);
          if (request.body.identityId !== undefined && earlier.length === 0) return void sendError(reply, identityNotFound());
          const metadata = checkMetadata(request.body.metadata);
          if (typeof metadata === 'string') return void sendError(reply, invalidStructure(metadata));
          const scenarioError = unknownScenario(sim, metadata);
          if (scenarioError) return void sendError(reply, invalidStructure(scenarioError));
          const session = createVerification(sim, { flow, metadata, ua: request.headers['user-agent'] ?? '', ip: request.ip, earlier });
          // Already JSON text: with a JSON content type fastify sends a string as it is.
          reply.type(JSON_CONTENT_TYPE).send(createResponseJson(session, flow));
        },
      );

      registerIdentityRoutes(api, sim, flows, tokens);

      // Multipart only where uploads arrive: its per-request hooks would cost every API call.
      await api.register(async (uploads) => {
        await uploads.register(multipart, UPLOAD_LIMITS);
        uploads.post<{ Params: { identity: string } }>(
          '/v2/identities/:identity/send-input',
          {
            schema: {
              tags: ['MetaMap'],
              summary: 'Upload inputs (multipart: `inputs` JSON + files matched by filename)',
              consumes: ['multipart/form-data'],
              security: BEARER,
              response: {
                201: { type: 'array', description: 'One result per input, in input order', items: { $ref: 'MetamapInputResult#' } },
                400: metamapError('MoleculerError: not multipart, malformed multipart, inputs missing or not a JSON array; or "No input strategy found for …"; or the inputs are closed'),
                401: unauthorized,
                404: metamapError('No verification has this identity (inputs go to its newest verification)'),
                ...bodyErrors,
              },
            },
          },
          async (request, reply) => {
            const session = currentVerification(sim, request.params.identity);
            if (!session) return sendError(reply, identityNotFound());
            if (!request.isMultipart()) return sendError(reply, invalidStructure('send-input takes multipart/form-data'));
            const form = await readMultipartForm(request);
            if ('code' in form) return sendError(reply, form);
            const submitted = await submitInputs(sim, session, flowOf(session), form.fields.inputs, form.files);
            if ('error' in submitted) return sendError(reply, submitted.error);
            return reply.code(201).send(submitted.results);
          },
        );
      });

      api.get<IdParams>(
        '/v2/verifications/:id',
        {
          schema: {
            tags: ['MetaMap'],
            summary: 'The verification (the webhooks’ `resource`), as it stands now',
            security: BEARER,
            params: verificationParamsSchema,
            response: { 200: { $ref: 'MetamapVerification#', description: 'The verification' }, 401: unauthorized, 404: notFoundResponse },
          },
        },
        async (request, reply) => {
          const session = find(request.params.id);
          if (!session) return sendError(reply, notFound());
          return verificationResource(sim, session, flowOf(session));
        },
      );

      api.put<IdParams & { Body: { status: string } }>(
        '/v2/verifications/:id/status',
        {
          schema: {
            tags: ['MetaMap'],
            summary: 'Change the status (fires verification_updated)',
            security: BEARER,
            params: verificationParamsSchema,
            body: statusBodySchema,
            response: {
              200: { $ref: 'MetamapEmpty#', description: '{}' },
              400: metamapError('"Invalid status movement" (no verdict yet, or not verified/reviewNeeded/rejected), or an invalid body'),
              401: unauthorized,
              404: notFoundResponse,
              ...bodyErrors,
            },
          },
        },
        async (request, reply) => {
          const session = find(request.params.id);
          if (!session) return sendError(reply, notFound());
          await changeStatus(sim, session, request.body.status);
          return {};
        },
      );

      // E7: the docs give PUT /v2/… in the table and POST /verifications/…/ in the curl sample
      // (§3, §9: they disagree), so both methods answer on both paths, slash or not. The
      // x-mati-app header the docs ask for is not checked; the `{}` answer is inferred.
      const skip = async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
        const session = find(request.params.id);
        if (!session) return sendError(reply, notFound());
        await skipBackSideWait(sim, session, flowOf(session));
        return {};
      };
      const skipSchema = {
        tags: ['MetaMap'],
        summary: 'Skip the 10-minute wait for a document’s back side (also POST, and at /verifications/{id}/…/)',
        security: BEARER,
        params: verificationParamsSchema,
        response: {
          200: { $ref: 'MetamapEmpty#', description: '{} (body inferred): the front alone completes the document input (Phase 2 starts if it was the last); {} and no change when nothing waits' },
          401: unauthorized,
          404: notFoundResponse,
        },
      };
      for (const path of ['/v2/verifications/:id/inputs/document-photo/skip', '/verifications/:id/inputs/document-photo/skip']) {
        for (const url of [path, `${path}/`]) {
          for (const method of ['PUT', 'POST'] as const) {
            const documented = url === path && (method === 'PUT') === path.startsWith('/v2/');
            api.route<IdParams>({ method, url, schema: documented ? skipSchema : { ...skipSchema, hide: true }, handler: skip });
          }
        }
      }

      const remove = async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
        const session = find(request.params.id);
        if (!session) return sendError(reply, notFound());
        deleteVerification(sim, session);
        return {};
      };
      const deleteSchema = {
        tags: ['MetaMap'],
        summary: 'Delete a verification (also at /v2/verifications/{id})',
        security: BEARER,
        params: verificationParamsSchema,
        response: { 200: { $ref: 'MetamapEmpty#', description: '{}' }, 401: unauthorized, 404: notFoundResponse },
      };
      api.delete<IdParams>('/verifications/:id', { schema: deleteSchema }, remove);
      api.delete<IdParams>('/v2/verifications/:id', { schema: { ...deleteSchema, hide: true } }, remove);

      const media = async (token: string | undefined, reply: FastifyReply) => {
        const id = token === undefined ? undefined : verificationOfToken(token);
        const file = id === undefined ? undefined : find(id)?.data.media[token!];
        if (!file) return sendError(reply, mediaMalformed());
        return reply.type(file.contentType).header('Content-Disposition', `inline; filename="${file.filename}"`).send(file.bytes);
      };
      const mediaResponses = {
        200: binary('The uploaded bytes, with their own content type (image/jpeg, video/mp4, …)'),
        400: metamapError('MEDIA_API_ERROR: Media URL malformed (unknown or deleted token)'),
        401: unauthorized,
      };
      api.get<{ Params: { token: string } }>(
        '/media/:token',
        { schema: { tags: ['MetaMap'], summary: 'Uploaded media (Bearer), as linked from the resource', security: BEARER, response: mediaResponses } },
        (request, reply) => media(request.params.token, reply),
      );
      api.get<{ Querystring: { location?: string } }>(
        '/file',
        {
          schema: {
            tags: ['MetaMap'],
            summary: 'Uploaded media by media_auth token (Bearer)',
            security: BEARER,
            querystring: { type: 'object', properties: { location: { type: 'string', description: 'the media token' } } },
            response: mediaResponses,
          },
        },
        (request, reply) => media(request.query.location, reply),
      );
    });

    await app.register(metamapPages(sim, flowOf));
  };
}
