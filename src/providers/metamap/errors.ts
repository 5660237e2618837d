// MetaMap's error bodies (reference/metamap-api.md §2.1, §3).
import type { FastifyReply } from 'fastify';

export interface MetamapError {
  code: number;
  message: string;
  name?: string;
  status?: number;
  statusCode?: number;
  type?: string;
  data?: object;
}

export const invalidClient = (status: 400 | 401, message: string): MetamapError => ({
  code: status,
  message,
  name: 'invalid_client',
  status,
  statusCode: status,
});

export const MESSAGES = {
  cannotRetrieveCredentials: 'Invalid client: cannot retrieve client credentials',
  clientInvalid: 'Invalid client: client is invalid',
  grantType: 'Invalid client: grant_type must be client_credentials',
  invalidStructure: 'Invalid structure of request body',
  notFound: 'Verification not found',
  invalidMovement: 'Invalid status movement',
  mediaMalformed: 'Media URL malformed',
} as const;

/**
 * MetaMap's message is exactly "Invalid structure of request body" (reference §3 E2), which
 * clients may compare; what kyc-sim found wrong goes in moleculer's `data` field instead.
 */
export const invalidStructure = (detail?: string): MetamapError => ({
  code: 400,
  message: MESSAGES.invalidStructure,
  name: 'MoleculerError',
  ...(detail ? { data: { detail } } : {}),
});

export const noInputStrategy = (inputType: string): MetamapError => ({ code: 400, message: `No input strategy found for ${inputType}` });

/** Answers `error` with its own status code: every MetaMap route's failure path. */
export const sendError = (reply: FastifyReply, error: MetamapError) => reply.code(error.code).send(error);

export const notFound = (): MetamapError => ({ code: 404, message: MESSAGES.notFound, name: 'NotFoundError' });

/** An identity id kyc-sim never issued (send-input, re-verification, GET /v2/identities/{id}); body inferred. */
export const identityNotFound = (): MetamapError => ({ code: 404, message: 'Identity not found', name: 'NotFoundError' });

/** A well-formed flowId that names no configured flow (create, legacy create). */
export const flowNotFound = (flowId: string): MetamapError => ({ code: 404, message: `Flow ${flowId} not found`, name: 'NotFoundError' });

export const mediaMalformed = (): MetamapError => ({
  code: 400,
  data: {},
  message: MESSAGES.mediaMalformed,
  name: 'MoleculerError',
  type: 'MEDIA_API_ERROR',
});

/** No route: what moleculer-web (MetaMap's API gateway) answers, `NotFoundError`. */
export const routeNotFound = (): MetamapError => ({ code: 404, message: 'Not found', name: 'NotFoundError', type: 'NOT_FOUND' });

// `/verification/` is E8's prefix (PDF export, not simulated): still MetaMap's, so its 404 is too.
const API_PREFIXES = ['/oauth', '/v2/', '/verifications/', '/verification/', '/media/', '/file'];

// Requests no MetaMap route takes still answer in MetaMap's error shape (src/http/fallback.ts
// routes them here by path). moleculer-web matches method and path together, so a wrong
// method is the same 404 NotFoundError as an unknown path.
export const metamapFallback = {
  owns: (path: string) => path === '/v2' || path === '/verification' || API_PREFIXES.some((prefix) => path === prefix || path.startsWith(prefix)),
  notFound: () => ({ status: 404, body: routeNotFound(), headers: {} }),
  methodNotAllowed: () => ({ status: 404, body: routeNotFound(), headers: {} }),
  /** Undecodable or over-long URL: a media link is "malformed", anything else names nothing. */
  badUrl(path: string) {
    const media = path.startsWith('/media/') || path.startsWith('/file');
    return { status: media ? 400 : 404, body: media ? mediaMalformed() : routeNotFound(), headers: {} };
  },
};
