// Errors of kyc-sim's own admin API: RFC 9457 problem+json with a kyc-sim type URN, so
// they are never mistaken for a simulated provider's answer.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { UnknownScenarioError } from '../engine/scenario-catalogue.js';

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ProblemError';
  }
}

export const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    validChoices: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: true,
} as const;

export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `urn:kyc-sim:problem:${code}`, title: code.replaceAll('-', ' '), status, detail, ...extra });
}

export function adminErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ProblemError) return sendProblem(reply, error.status, error.code, error.message, error.extra);
  if (error instanceof UnknownScenarioError) {
    return sendProblem(reply, 422, 'unknown-scenario', error.message, { validChoices: error.valid });
  }
  if (error.validation) return sendProblem(reply, 400, 'invalid-request', error.message);
  if (error.statusCode !== undefined && error.statusCode < 500) {
    const code = error.statusCode === 409 ? 'conflict' : error.statusCode === 422 ? 'unprocessable' : 'invalid-request';
    return sendProblem(reply, error.statusCode, code, error.message);
  }
  request.log.error({ err: error }, 'admin API error');
  return sendProblem(reply, 500, 'internal-error', 'unexpected error; see the kyc-sim log');
}
