// VerifiMe's public API on its real paths. Every failure answers in VerifiMe's
// validation envelope, never fastify's default error shape.
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyError, FastifyInstance, FastifyPluginAsync } from 'fastify';
import { JSON_CONTENT_TYPE } from '../../core/json-text.js';
import { newSession } from '../../engine/session.js';
import type { Simulator } from '../../simulator.js';
import { MESSAGES, requestError, trackingError, type ErrorEnvelope } from './errors.js';
import { inviteAnswerMaker } from './invite-answer.js';
import { indexOrgCodes, normaliseInvite, validateInvite } from './invite-validation.js';
import { completeDataEntry, chooseScenario } from './lifecycle.js';
import { verifimePages } from './pages.js';
import { verifimeWidgetPages } from './pages-widget.js';
import { commonErrorResponses, envelope, inviteRequestSchema, trackingParamsSchema, verifimeSharedSchemas } from './schemas.js';
import { NO_ASSESSMENT, type InviteRequest, type VerifimeData, type VerifimeSession } from './session-data.js';
import { PROVIDER_ID } from './vocabulary.js';
import { verifimeWebhookSchemas } from './webhook-schemas.js';

const CORS = { origin: '*', methods: ['GET', 'POST'] };
type TrackingParams = { Params: { trackingReference: string } };
const INVITE_PATH = '/v1/user/invite';

export function verifimeRoutes(sim: Simulator): FastifyPluginAsync {
  return async (app) => {
    // Report every problem at once and never coerce types: VerifiMe lists each field.
    const ajv = new Ajv({ allErrors: true, coerceTypes: false, strict: false, validateSchema: false });
    addFormats.default(ajv);
    app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
    app.setErrorHandler(errorHandler(sim));
    // CORS is open (the widget and example pages call from browsers). @fastify/cors answers
    // preflights from a context of its own, whose only route is its `OPTIONS *`: registered
    // here it would also run its per-request option merge (~2 µs) on every API call, where
    // all it adds is the one header this hook sets.
    await app.register(async (preflight) => {
      await preflight.register(cors, CORS);
    });
    app.addHook('onRequest', (_request, reply, done) => {
      reply.header('access-control-allow-origin', CORS.origin);
      done();
    });
    await app.register(formbody);
    // VerifiMe takes JSON only; without this fastify would accept text/plain as a string.
    app.removeContentTypeParser('text/plain');
    for (const schema of [...verifimeSharedSchemas, ...verifimeWebhookSchemas]) app.addSchema(schema);

    const inviteChecks = { orgCodes: indexOrgCodes(sim.config.verifime.orgCodes), scenarioNames: () => sim.catalogue.names(PROVIDER_ID) };
    const inviteAnswer = inviteAnswerMaker();
    const find = (reference: string) => {
      const session = sim.store.get<VerifimeData>(reference.toLowerCase());
      return session?.provider === PROVIDER_ID ? (session as VerifimeSession) : undefined;
    };

    app.post(
      INVITE_PATH,
      {
        attachValidation: true,
        schema: {
          tags: ['VerifiMe'],
          summary: 'Create a tracking reference and its invite links',
          body: inviteRequestSchema,
          response: {
            200: { $ref: 'VerifimeInviteResponse#', description: 'The tracking reference and its invite links' },
            400: envelope('Invalid invite: the normalised request echo (absent fields null) and one result per problem'),
            ...commonErrorResponses,
          },
        },
      },
      // Synchronous, answering through reply.send: nothing here awaits, and an async handler
      // would cost every invite a promise and a microtask before its answer is written.
      (request, reply) => {
        // The form parser is there for the portal page; the API itself takes JSON only.
        if (isForm(request.headers['content-type'])) return void reply.code(415).send(unsupportedMediaType(blankInvite()));
        const body = request.body;
        const results = validateInvite(body, request.validationError?.validation ?? [], inviteChecks);
        const invite = normaliseInvite(body);
        if (results.length > 0) {
          const envelope: ErrorEnvelope = { request: invite, validationResults: results };
          return void reply.code(400).send(envelope);
        }
        const trackingReference = sim.stream('verifime/tracking-reference').uuid();
        const session: VerifimeSession = sim.store.add(newSession({
          id: trackingReference,
          provider: PROVIDER_ID,
          scope: invite.code!.toUpperCase(),
          createdAt: sim.clock.now(),
          data: {
            trackingReference,
            assessmentId: sim.stream('verifime/assessment-id').uuid(),
            invite,
            status: 'Inactive',
            assessment: NO_ASSESSMENT,
          },
        }));
        const chosen = chooseScenario(sim, session);
        session.scenario = chosen.name;
        session.scenarioSource = chosen.source;
        // Already JSON text: with a JSON content type fastify sends a string as it is.
        reply.type(JSON_CONTENT_TYPE).send(inviteAnswer(sim.publicUrl, trackingReference));
      },
    );

    app.get<TrackingParams>(
      '/v1/user/signup/tracking/:trackingReference/status',
      {
        schema: {
          tags: ['VerifiMe'],
          summary: 'Tracking status: Inactive, Active or Completed (Phase 1 only; never the verdict)',
          params: trackingParamsSchema,
          response: {
            200: { $ref: 'VerifimeTrackingStatus#', description: 'Where Phase 1 stands' },
            400: envelope('InvalidTrackingReference: not a UUID'),
            404: envelope('TrackingReferenceNotFound: not issued by this simulator (or reset)'),
          },
        },
      },
      async (request, reply) => {
        const session = find(request.params.trackingReference);
        if (!session) return reply.code(404).send(trackingError(request.params.trackingReference, 'TrackingReferenceNotFound'));
        return { status: session.data.status };
      },
    );

    // Force Verify takes nothing but the reference in its path: whatever body or Content-Type
    // a client sends with it (an empty JSON body, text/plain, a form) is not read.
    await app.register(async (forceVerify) => {
      forceVerify.removeAllContentTypeParsers();
      forceVerify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));
      forceVerify.post<TrackingParams>(
        '/v1/user/signup/tracking/:trackingReference/force-verify',
        {
          schema: {
            tags: ['VerifiMe'],
            summary: 'Force Verify (staging): finish Phase 2 now; answers after the first delivery attempts',
            params: trackingParamsSchema,
            response: {
              200: { $ref: 'VerifimeForceVerifyResponse#', description: 'Phase 1 completed if needed, every remaining Phase 2 event sent' },
              400: envelope('InvalidTrackingReference: not a UUID (any body is ignored)'),
              404: envelope('TrackingReferenceNotFound: not issued by this simulator (or reset)'),
              ...commonErrorResponses,
            },
          },
        },
        async (request, reply) => {
          const session = find(request.params.trackingReference);
          if (!session) return reply.code(404).send(trackingError(request.params.trackingReference, 'TrackingReferenceNotFound'));
          if (session.data.status !== 'Completed') completeDataEntry(sim, session);
          await sim.runner.finishNow(session);
          return {
            trackingReference: session.id,
            status: session.data.status,
            assessmentStatus: session.data.assessment.status,
            riskLevel: session.data.assessment.riskLevel,
          };
        },
      );
    });

    await app.register(verifimePages(sim, find));
    await app.register(verifimeWidgetPages(sim));
  };
}

const unsupportedMediaType = (request: InviteRequest | null): ErrorEnvelope => ({ request, validationResults: [requestError('UnsupportedMediaType', MESSAGES.UnsupportedMediaType())] });
/**
 * The invite's echo when its body could not be read (not JSON, not an object, wrong media
 * type): every field null, as VerifiMe echoes absent fields, so `body.request.code` reads.
 */
const blankInvite = (): InviteRequest => normaliseInvite(undefined);
const isForm = (contentType: string | undefined) => /^\s*(application\/x-www-form-urlencoded|multipart\/)/i.test(contentType ?? '');

function errorHandler(sim: Simulator) {
  return (error: FastifyError, request: Parameters<Parameters<FastifyInstance['setErrorHandler']>[0]>[1], reply: Parameters<Parameters<FastifyInstance['setErrorHandler']>[0]>[2]) => {
    const params = request.params as { trackingReference?: string } | undefined;
    if (error.validation && params?.trackingReference !== undefined) {
      return reply.code(400).send(trackingError(params.trackingReference, 'InvalidTrackingReference'));
    }
    // Only the invite has a request to echo; other routes' bodies are not VerifiMe requests.
    const echo = request.routeOptions.url === INVITE_PATH ? blankInvite() : null;
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send(unsupportedMediaType(echo));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ request: echo, validationResults: [requestError('RequestTooLarge', MESSAGES.RequestTooLarge())] });
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(400).send({ request: echo, validationResults: [requestError('InvalidRequestBody', MESSAGES.InvalidRequestBody())] });
    }
    sim.logger.error({ err: error }, 'unexpected error on a VerifiMe route');
    return reply.code(500).send({ request: null, validationResults: [requestError('InvalidRequestBody', 'Internal error')] });
  };
}
