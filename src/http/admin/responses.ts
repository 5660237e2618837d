// What the admin API answers, by route, for the OpenAPI document and the contract tests.
// Kept in one table (applied by an onRoute hook in app.ts) rather than in each route file:
// the admin routes are edited often, and a route that sets its own `response` wins. Admin
// views carry provider-owned parts (describe(), timeline params), so those stay open.
import type { RouteOptions } from 'fastify';
import { clockProperties } from './response-schemas.js';

const ref = (id: string, description: string) => ({ $ref: `${id}#`, description });
const list = (key: string, id: string, description: string) => ({
  type: 'object',
  description,
  required: [key],
  properties: { [key]: { type: 'array', items: { $ref: `${id}#` } } },
  additionalProperties: false,
});

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } } });
const invalid = problem('invalid-request: the request does not match the route’s schema');
const sessionNotFound = problem('session-not-found');
const bodyProblems = { 413: problem('invalid-request: the body is over 1 MiB'), 415: problem('invalid-request: the body is not JSON') };
const clockWithAdvance = {
  type: 'object',
  description: 'the clock after the advance',
  required: [...Object.keys(clockProperties), 'advancedBy'],
  properties: { ...clockProperties, advancedBy: { type: 'number', description: 'milliseconds' } },
  additionalProperties: false,
};

/** Responses by `METHOD url` (url with the /__admin prefix, as fastify reports it). */
export const adminResponses: Record<string, Record<string, object>> = {
  'GET /__admin/health': { 200: ref('AdminHealth', 'Ready'), 503: ref('AdminHealth', 'Starting or stopping (ready: false)') },
  'GET /__admin/scenarios': { 200: list('scenarios', 'AdminScenario', 'The scenario catalogue') },
  'POST /__admin/reset': {
    200: {
      type: 'object',
      description: 'Back to the start-up state',
      required: ['status', 'clock'],
      properties: { status: { const: 'reset' }, clock: { $ref: 'AdminClock#' } },
      additionalProperties: false,
    },
  },
  'GET /__admin/sessions': { 200: list('sessions', 'AdminSession', 'Newest first') },
  'GET /__admin/sessions/:id': { 200: ref('AdminSessionDetail', 'The session'), 404: sessionNotFound },
  'POST /__admin/sessions/:id/complete': {
    200: ref('AdminSessionDetail', 'Data entry completed; Phase 2 scheduled'),
    400: invalid,
    404: sessionNotFound,
    409: problem('already-complete (or MetaMap: inputs already completed)'),
    422: problem('unknown-scenario (with validChoices), or a MetaMap scenario whose customer never finishes'),
    ...bodyProblems,
  },
  'GET /__admin/clock': { 200: ref('AdminClock', 'Mode and simulated time') },
  'POST /__admin/clock/advance': { 200: clockWithAdvance, 400: problem('invalid-duration or invalid-request'), 409: problem('clock-not-manual'), ...bodyProblems },
  'GET /__admin/deliveries': { 200: list('deliveries', 'AdminDelivery', 'Matching deliveries'), 400: invalid },
  'GET /__admin/deliveries/:id': { 200: ref('AdminDelivery', 'The delivery'), 404: problem('delivery-not-found') },
  'POST /__admin/deliveries/:id/redeliver': { 200: ref('AdminDelivery', 'The new delivery of the same bytes'), 404: problem('delivery-not-found') },
  'POST /__admin/webhooks': { 201: ref('AdminWebhookEndpoint', 'Registered; the secret is shown in full once'), 400: invalid, ...bodyProblems },
  'GET /__admin/webhooks': { 200: list('webhooks', 'AdminWebhookEndpoint', 'Registered endpoints'), 400: invalid },
  'DELETE /__admin/webhooks/:id': { 204: { type: 'null', description: 'Removed' }, 404: problem('webhook-not-found') },
  'GET /__admin/events': { 200: list('events', 'AdminEvent', 'Events, oldest first'), 400: invalid },
  'GET /__admin/wait': {
    200: {
      type: 'object',
      description: 'The matching deliveries',
      required: ['matched', 'deliveries'],
      properties: { matched: { type: 'integer', minimum: 0 }, deliveries: { type: 'array', items: { $ref: 'AdminDelivery#' } } },
      additionalProperties: false,
    },
    400: problem('invalid-request, conflicting-query or invalid-duration'),
    408: problem('wait-timeout: nothing matched in time'),
    503: problem('shutting-down'),
  },
};

/** onRoute hook of the admin instance: each admin route gets its responses from the table. */
// A path parameter fastify cannot decode (bad percent-encoding) is a 400 on any route that has one.
const malformedUrl = problem('invalid-url: the path is malformed (bad percent-encoding or an over-long segment)');

export function withAdminResponses(route: RouteOptions): void {
  const response = adminResponses[`${String(route.method)} ${route.url}`];
  if (!response || route.schema?.response) return;
  route.schema = { ...route.schema, response: route.url.includes('/:') ? { 400: malformedUrl, ...response } : response };
}
