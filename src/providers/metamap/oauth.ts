// POST /oauth (reference §2.1) and POST /oauth/token (§2.2, also what the python SDK's v1
// service calls): client credentials in, a Bearer token out. Both answer bad credentials with
// the same invalid_client bodies; they differ in how the client may name itself and in the
// shape of the answer.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isPlainObject } from '../../core/plain-object.js';
import type { Simulator } from '../../simulator.js';
import { basicCredentials, type TokenIssuer } from './auth.js';
import { invalidClient, MESSAGES, sendError, type MetamapError } from './errors.js';
import { bodyErrors, metamapError, oauthBodySchema, oauthTokenBodySchema } from './schemas.js';

/** §2.2's default scope, what the "skip upload wait" token asks for. */
const DEFAULT_SCOPE = 'verification_flow';

type Form = Record<string, unknown>;
type OAuthRequest = FastifyRequest<{ Body: unknown }>;

const formOf = (request: OAuthRequest): Form => (isPlainObject(request.body) ? request.body : {});

/**
 * A missing grant_type counts as client_credentials: the official GetMetaMap python SDK
 * posts an empty form (Content-Length: 0) and its recorded cassettes answer 200.
 */
const grantTypeError = (form: Form): MetamapError | null =>
  form.grant_type === undefined || form.grant_type === 'client_credentials' ? null : invalidClient(400, MESSAGES.grantType);

export function registerOAuthRoutes(app: FastifyInstance, sim: Simulator, tokens: TokenIssuer): void {
  const { clientId, clientSecret } = sim.config.metamap;

  /** Basic client_id:client_secret; §2.2 also names the client by `application_key` (its client_id) alone. */
  const credentialsError = (request: OAuthRequest, form: Form, applicationKey: boolean): MetamapError | null => {
    const basic = basicCredentials(request.headers.authorization);
    if (basic) return basic.id === clientId && basic.secret === clientSecret ? null : invalidClient(401, MESSAGES.clientInvalid);
    const key = form.application_key;
    if (applicationKey && typeof key === 'string' && key !== '') return key === clientId ? null : invalidClient(401, MESSAGES.clientInvalid);
    return invalidClient(400, MESSAGES.cannotRetrieveCredentials);
  };

  const oauth = async (request: OAuthRequest, reply: FastifyReply) => {
    const form = formOf(request);
    const error = credentialsError(request, form, false) ?? grantTypeError(form);
    if (error) return sendError(reply, error);
    return tokens.issue();
  };
  const oauthSchema = {
    tags: ['MetaMap'],
    summary: 'Client-credentials token (HTTP Basic client_id:client_secret, form grant_type=client_credentials)',
    security: [{ metamapBasic: [] }],
    consumes: ['application/x-www-form-urlencoded', 'application/json'],
    body: oauthBodySchema,
    response: {
      200: { $ref: 'MetamapOAuthToken#', description: 'A JWT valid for METAMAP_TOKEN_TTL (1 h) of simulator time' },
      400: metamapError('invalid_client: no readable Basic credentials, or grant_type is given and is not client_credentials; MoleculerError: a body that does not parse'),
      401: metamapError('invalid_client: wrong client_id or client_secret'),
      ...bodyErrors,
    },
  };
  app.post('/oauth', { schema: oauthSchema }, oauth);
  app.post('/oauth/', { schema: { ...oauthSchema, hide: true } }, oauth);

  // x-mati-app is "required" by the docs (§2.2) but the legacy python SDK never sends it, so
  // kyc-sim does not check it; flow_id is accepted and not checked either.
  const oauthToken = async (request: OAuthRequest, reply: FastifyReply) => {
    const form = formOf(request);
    const error = credentialsError(request, form, true) ?? grantTypeError(form);
    if (error) return sendError(reply, error);
    const scope = typeof form.scope === 'string' && form.scope !== '' ? form.scope : DEFAULT_SCOPE;
    return tokens.issueScoped(scope);
  };
  const oauthTokenSchema = {
    tags: ['MetaMap'],
    summary: 'Token for the "skip upload wait" API (Basic client_id:client_secret, or form application_key=<client_id>)',
    security: [{ metamapBasic: [] }, {}] as Record<string, string[]>[],
    consumes: ['application/x-www-form-urlencoded', 'application/json'],
    body: oauthTokenBodySchema,
    response: {
      200: { $ref: 'MetamapOAuthScopedToken#', description: 'A JWT valid for METAMAP_TOKEN_TTL (1 h); a Bearer for every API call, like /oauth’s' },
      400: metamapError('invalid_client: neither readable Basic credentials nor application_key, or grant_type is given and is not client_credentials; MoleculerError: a body that does not parse'),
      401: metamapError('invalid_client: wrong client_id / client_secret, or an unknown application_key'),
      ...bodyErrors,
    },
  };
  app.post('/oauth/token', { schema: oauthTokenSchema }, oauthToken);
  app.post('/oauth/token/', { schema: { ...oauthTokenSchema, hide: true } }, oauthToken);
}
