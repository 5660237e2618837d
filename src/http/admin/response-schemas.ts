// The shapes the admin API answers with, as shared schemas (`$id`, referenced as `Name#`):
// clock, health, sessions, deliveries with their attempts, events, scenarios, endpoints, and
// the problem+json error. responses.ts says which route answers which.
import { problemSchema } from '../problem.js';

const iso = { type: 'string', format: 'date-time' } as const;
const isoOrNull = { type: ['string', 'null'], format: 'date-time' } as const;

export const clockProperties = {
  mode: { type: 'string', enum: ['real', 'scaled', 'manual'] },
  scale: { type: 'number' },
  now: iso,
  pendingTasks: { type: 'integer', minimum: 0 },
  nextDueAt: isoOrNull,
} as const;

const sessionProperties = {
  id: { type: 'string', description: 'VerifiMe tracking reference or MetaMap verification id' },
  provider: { type: 'string' },
  phase: { type: 'string', enum: ['created', 'started', 'inputs-complete', 'finished', 'expired'] },
  scenario: { type: ['string', 'null'] },
  scenarioSource: { type: ['string', 'null'], enum: ['explicit', 'convention', 'metadata', 'default', null] },
  createdAt: iso,
  nextEvent: {
    anyOf: [{ type: 'object', required: ['event', 'dueAt'], properties: { event: { type: 'string' }, dueAt: iso }, additionalProperties: false }, { type: 'null' }],
  },
  pendingDeliveries: { type: 'integer', minimum: 0 },
} as const;

/** Delivery faults of a scenario or one of its events: on, off, or a probability. */
const faultSettings = {
  type: 'object',
  properties: Object.fromEntries(['duplicate', 'reorder', 'dropFirstAttempt', 'badSignature'].map((k) => [k, { type: ['boolean', 'number'] }])),
  additionalProperties: false,
} as const;

/** Registered on the admin instance (fastify addSchema). */
export const adminSharedSchemas = [
  { $id: 'Problem', ...problemSchema, required: ['type', 'title', 'status', 'detail'], description: 'RFC 9457 problem (application/problem+json), type urn:kyc-sim:problem:*' },
  { $id: 'AdminClock', type: 'object', required: Object.keys(clockProperties), properties: clockProperties, additionalProperties: false },
  {
    $id: 'AdminHealth',
    type: 'object',
    required: ['status', 'ready', 'version', 'clock', 'seed', 'scenarios', 'sessions', 'pendingDeliveries'],
    properties: {
      status: { type: 'string', enum: ['ok', 'starting', 'stopping'] },
      ready: { type: 'boolean' },
      version: { type: 'string' },
      clock: { $ref: 'AdminClock#' },
      seed: { type: 'string' },
      scenarios: { type: 'integer', minimum: 0 },
      sessions: { type: 'integer', minimum: 0 },
      pendingDeliveries: { type: 'integer', minimum: 0 },
    },
    additionalProperties: false,
  },
  {
    $id: 'AdminAttempt',
    type: 'object',
    required: ['number', 'at', 'status', 'error', 'latencyMs', 'responseHeaders', 'responseSnippet', 'outcome', 'reason', 'nextAttemptAt'],
    properties: {
      number: { type: 'integer', minimum: 1 },
      at: iso,
      status: { type: ['integer', 'null'] },
      error: { type: ['string', 'null'] },
      latencyMs: { type: 'number' },
      responseHeaders: { type: 'object', additionalProperties: { type: 'string' } },
      responseSnippet: { type: 'string' },
      outcome: { type: 'string', enum: ['delivered', 'retry', 'stopped', 'dead-lettered'] },
      reason: { type: ['string', 'null'] },
      nextAttemptAt: isoOrNull,
    },
    additionalProperties: false,
  },
  {
    $id: 'AdminDelivery',
    type: 'object',
    description: 'One event to one endpoint: the exact bytes and headers sent, every attempt',
    required: ['id', 'eventId', 'sessionId', 'provider', 'eventName', 'endpointId', 'url', 'requestHeaders', 'body', 'createdAt', 'state', 'reason', 'nextAttemptAt', 'attempts', 'attemptCount'],
    properties: {
      id: { type: 'string' },
      eventId: { type: 'string' },
      sessionId: { type: 'string' },
      provider: { type: 'string' },
      eventName: { type: 'string' },
      endpointId: { type: 'string' },
      url: { type: 'string' },
      requestHeaders: { type: 'object', additionalProperties: { type: 'string' } },
      body: { type: 'string' },
      createdAt: iso,
      faults: {
        type: 'array',
        description: 'scenario delivery faults on this delivery (a duplicate copy, a forged signature, a dropped first attempt)',
        items: { type: 'string', enum: ['duplicate', 'bad-signature', 'drop-first-attempt'] },
      },
      state: { type: 'string', enum: ['pending', 'delivered', 'stopped', 'dead-lettered'] },
      reason: { type: ['string', 'null'] },
      nextAttemptAt: isoOrNull,
      attempts: { type: 'array', items: { $ref: 'AdminAttempt#' } },
      attemptCount: { type: 'integer', minimum: 0 },
    },
    additionalProperties: false,
  },
  {
    $id: 'AdminEvent',
    type: 'object',
    required: ['id', 'sessionId', 'provider', 'eventName', 'body', 'createdAt', 'deliveryIds'],
    properties: {
      id: { type: 'string' },
      sessionId: { type: 'string' },
      provider: { type: 'string' },
      eventName: { type: 'string' },
      body: { type: 'string', description: 'the exact bytes, also when no endpoint received them' },
      createdAt: iso,
      deliveryIds: { type: 'array', items: { type: 'string' } },
    },
    additionalProperties: false,
  },
  {
    $id: 'AdminSession',
    type: 'object',
    required: Object.keys(sessionProperties),
    properties: sessionProperties,
    additionalProperties: false,
  },
  {
    $id: 'AdminSessionDetail',
    type: 'object',
    description: 'The session summary, its timeline and deliveries, and the provider’s own view under `verifime` or `metamap`',
    required: [...Object.keys(sessionProperties), 'startedAt', 'completedAt', 'finishedAt', 'timeline', 'deliveries'],
    properties: {
      ...sessionProperties,
      startedAt: isoOrNull,
      completedAt: isoOrNull,
      finishedAt: isoOrNull,
      verifime: { type: 'object', description: 'tracking reference, status, invite, assessment, portal' },
      metamap: { type: 'object', description: 'identity, verification id, flow, statuses, inputs, resource and dashboard URLs' },
      timeline: {
        type: 'array',
        items: {
          type: 'object',
          required: ['index', 'event', 'dueAt', 'state', 'firedAt', 'webhookEventId', 'note'],
          properties: {
            index: { type: 'integer' },
            event: { type: 'string' },
            dueAt: iso,
            state: { type: 'string', enum: ['scheduled', 'fired', 'suppressed', 'cancelled'] },
            firedAt: isoOrNull,
            webhookEventId: { type: ['string', 'null'] },
            note: { type: ['string', 'null'] },
          },
          additionalProperties: false,
        },
      },
      deliveries: { type: 'array', items: { $ref: 'AdminDelivery#' } },
    },
    additionalProperties: false,
  },
  {
    $id: 'AdminScenario',
    type: 'object',
    required: ['provider', 'name', 'description', 'default', 'file', 'timeline'],
    properties: {
      provider: { type: 'string' },
      name: { type: 'string' },
      description: { type: 'string' },
      default: { type: 'boolean' },
      file: { type: 'string' },
      faults: faultSettings,
      timeline: {
        type: 'array',
        items: {
          type: 'object',
          required: ['event', 'at', 'data', 'params'],
          properties: {
            event: { type: 'string' },
            at: { anyOf: [{ const: 'phase2' }, { type: 'object', required: ['min', 'max'], properties: { min: { type: 'number' }, max: { type: 'number' } } }] },
            data: { type: 'object' },
            params: { type: 'object', description: 'the provider’s own keys (MetaMap: step, document, error, status)' },
            faults: faultSettings,
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  {
    $id: 'AdminWebhookEndpoint',
    type: 'object',
    required: ['id', 'provider', 'url', 'secret', 'scope', 'createdAt', 'source'],
    properties: {
      id: { type: 'string' },
      provider: { type: 'string' },
      url: { type: 'string', format: 'uri' },
      secret: { type: 'string', description: 'in full on registration and with showSecrets=true, else its first 4 characters and …' },
      scope: { type: ['string', 'null'] },
      createdAt: iso,
      source: { type: 'string', enum: ['config', 'api'] },
      warning: { type: 'string', description: 'in a container, when the URL points at the container’s own loopback' },
    },
    additionalProperties: false,
  },
] as const;
