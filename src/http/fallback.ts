// Requests no route answers (an unknown path, a known path with the wrong method, a URL
// fastify cannot decode) and errors raised before any route runs (the unparsable body of such
// a request) answer in the envelope of the surface the path belongs to: a provider's client
// must never see fastify's own {statusCode, code, error, message}. Other paths (pages, assets,
// /documentation) keep fastify's defaults.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { metamapFallback } from '../providers/metamap/errors.js';
import { verifimeFallback } from '../providers/verifime/errors.js';

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  readonly contentType?: string;
}

interface Surface {
  owns(path: string): boolean;
  notFound(method: string, path: string): Answer;
  methodNotAllowed(method: string, path: string, allow: readonly string[]): Answer;
  badUrl(path: string): Answer;
}

// The admin API's own errors are problem+json, the shape sendProblem (problem.ts) writes.
const problem = (status: number, code: string, detail: string, headers: Record<string, string> = {}): Answer => ({
  status,
  body: { type: `urn:kyc-sim:problem:${code}`, title: code.replaceAll('-', ' '), status, detail },
  headers,
  contentType: 'application/problem+json; charset=utf-8',
});
const adminFallback: Surface = {
  owns: (path) => path === '/__admin' || path.startsWith('/__admin/'),
  notFound: (method, path) => problem(404, 'route-not-found', `no admin route answers ${method} ${path}`),
  methodNotAllowed: (method, _path, allow) => problem(405, 'method-not-allowed', `${method} is not allowed here; use ${allow.join(' or ')}`, { allow: allow.join(', ') }),
  badUrl: () => problem(400, 'invalid-url', 'the request URL is malformed (bad percent-encoding or an over-long path segment)'),
};

const SURFACES: readonly Surface[] = [verifimeFallback, metamapFallback, adminFallback];

const pathOf = (request: FastifyRequest) => request.url.split('?')[0];
const surfaceOf = (path: string) => SURFACES.find((surface) => surface.owns(path));

function send(reply: FastifyReply, answer: Answer) {
  return reply
    .code(answer.status)
    .headers(answer.headers)
    .type(answer.contentType ?? 'application/json; charset=utf-8')
    .send(answer.body);
}

/** Fastify's `frameworkErrors` option: a URL it cannot decode, a path segment over 100 characters. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const path = pathOf(request);
  const surface = surfaceOf(path);
  if (!surface) return reply.code(error.statusCode ?? 400).send(error);
  return send(reply, surface.badUrl(path));
}

/** Call before any route is registered: it learns every route's path to tell 404 from 405. */
export function installFallbacks(app: FastifyInstance): void {
  const routes: { methods: string[]; pattern: RegExp }[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.url.includes('*')) return;
    const methods = ([] as string[]).concat(route.method).filter((m) => m !== 'OPTIONS');
    routes.push({ methods, pattern: patternOf(route.url) });
  });
  const allowedMethods = (path: string) => [...new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods))];

  const answerUnrouted = (request: FastifyRequest, reply: FastifyReply, orElse: () => unknown) => {
    const path = pathOf(request);
    const surface = surfaceOf(path);
    if (!surface) return orElse();
    const allow = allowedMethods(path);
    return send(reply, allow.length > 0 ? surface.methodNotAllowed(request.method, path, allow) : surface.notFound(request.method, path));
  };

  app.setNotFoundHandler((request, reply) =>
    answerUnrouted(request, reply, () => reply.code(404).send({ message: `Route ${request.method}:${request.url} not found`, error: 'Not Found', statusCode: 404 })),
  );
  // Provider and admin routes have their own error handlers; at the root a provider path can
  // only be an unrouted request whose body failed to parse: the route is missing all the same.
  app.setErrorHandler((error: FastifyError, request, reply) =>
    answerUnrouted(request, reply, () => {
      throw error;
    }),
  );
}

/** `/v2/verifications/:id` → /^\/v2\/verifications\/[^/]+$/ */
function patternOf(url: string): RegExp {
  const segments = url.split('/').map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}$`);
}
