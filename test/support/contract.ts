// The contract kyc-sim publishes at /documentation/json, turned into checks: webhook bodies
// and signature headers by eventName (the 3.1 `webhooks` section), API answers by route,
// method, status and content type. Ajv's 2020-12 dialect, the one OpenAPI 3.1 schemas use;
// `#/components/schemas/X` references resolve against the document's own components.
import type { IncomingHttpHeaders } from 'node:http';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Test } from 'tap';

type Json = Record<string, any>;
const DOC_ID = 'urn:kyc-sim:openapi';

export interface Seen {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

export interface WebhookLike {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Contract {
  readonly doc: Json;
  /** Problems with one webhook request (empty when it matches `webhooks[eventName]`). */
  checkWebhook(request: WebhookLike): string[];
  /** null when no documented operation answers `method path`; else its problems. */
  checkResponse(seen: Seen): string[] | null;
  /** Problems of a value against components.schemas[name]. */
  checkComponent(name: string, value: unknown): string[];
}

export async function loadContract(baseUrl: string): Promise<Contract> {
  const response = await fetch(`${baseUrl}/documentation/json`);
  if (response.status !== 200) throw new Error(`/documentation/json answered ${response.status}`);
  const original = (await response.json()) as Json;
  // Components become $defs of one schema, so every $ref in the document has one target.
  const doc = JSON.parse(JSON.stringify(original).replaceAll('"#/components/schemas/', `"${DOC_ID}#/$defs/`)) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: DOC_ID, $defs: doc.components?.schemas ?? {} });

  const compiled = new Map<string, ValidateFunction>();
  const validator = (schema: object) => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) compiled.set(key, (validate = ajv.compile(schema)));
    return validate;
  };
  const problemsOf = (schema: object, value: unknown, label: string): string[] => {
    const validate = validator(schema);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${label}: ${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  };
  const templates = Object.keys(doc.paths ?? {}).map((template) => ({
    template,
    pattern: new RegExp(`^${template.split('/').map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`),
    params: (template.match(/\{/g) ?? []).length,
  }));

  return {
    doc: original,
    checkWebhook(request) {
      let body: Json;
      try {
        body = JSON.parse(request.body) as Json;
      } catch {
        return ['body is not JSON'];
      }
      const operation = doc.webhooks?.[String(body.eventName)]?.post;
      if (!operation) return [`no webhooks entry for eventName ${JSON.stringify(body.eventName)}`];
      const problems: string[] = [];
      if (!/^application\/json/.test(String(request.headers['content-type']))) problems.push(`content-type ${request.headers['content-type']}`);
      for (const parameter of (operation.parameters ?? []) as Json[]) {
        if (parameter.in !== 'header') continue;
        const value = request.headers[String(parameter.name).toLowerCase()];
        if (value === undefined) {
          if (parameter.required) problems.push(`header ${parameter.name} missing`);
          continue;
        }
        problems.push(...problemsOf(parameter.schema, value, `header ${parameter.name}`));
      }
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      if (!schema) return [...problems, 'webhook has no application/json requestBody schema'];
      return [...problems, ...problemsOf(schema, body, String(body.eventName))];
    },
    checkResponse(seen) {
      const method = seen.method.toLowerCase();
      const matches = templates.filter((t) => t.pattern.test(seen.path) && doc.paths[t.template][method]).sort((a, b) => a.params - b.params);
      if (matches.length === 0) return null;
      const label = `${seen.method} ${matches[0].template} → ${seen.status}`;
      const responses = doc.paths[matches[0].template][method].responses as Json;
      const response = responses[String(seen.status)] ?? responses[`${String(seen.status)[0]}XX`] ?? responses.default;
      if (!response) return [`${label}: status not documented (documented: ${Object.keys(responses).join(', ')})`];
      if (!response.content) return seen.text === '' ? [] : [`${label}: documented without a body, answered ${seen.text.slice(0, 80)}`];
      const mediaType = pickMediaType(Object.keys(response.content), seen.contentType);
      if (!mediaType) return [`${label}: content type ${seen.contentType} not documented (${Object.keys(response.content).join(', ')})`];
      if (!/json/.test(mediaType)) return [];
      let body: unknown;
      try {
        body = JSON.parse(seen.text);
      } catch {
        return [`${label}: body is not JSON: ${seen.text.slice(0, 80)}`];
      }
      return problemsOf(response.content[mediaType].schema, body, label);
    },
    checkComponent(name, value) {
      return problemsOf({ $ref: `${DOC_ID}#/$defs/${name}` }, value, name);
    },
  };
}

/** The documented media type for an answer's content type: exact, then type/*, then * /*. */
function pickMediaType(documented: string[], contentType: string): string | undefined {
  const actual = contentType.split(';')[0].trim().toLowerCase();
  return documented.find((m) => m === actual) ?? documented.find((m) => m === `${actual.split('/')[0]}/*`) ?? documented.find((m) => m === '*/*');
}

/**
 * Records every answer the test process gets from the simulator (any origin in `origins`):
 * the test helpers all use the global fetch, so wrapping it sees everything they see.
 */
export function recordResponses(t: Test, origins: () => string[]): Seen[] {
  const seen: Seen[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await original(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (origins().includes(url.origin)) {
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      const text = method === 'HEAD' ? '' : await response.clone().text();
      seen.push({ method, path: url.pathname, status: response.status, contentType: response.headers.get('content-type') ?? '', text });
    }
    return response;
  };
  t.teardown(() => {
    globalThis.fetch = original;
  });
  return seen;
}

/** Checks every recorded answer to a documented operation; answers the number checked. */
export function checkAllResponses(t: Test, contract: Contract, seen: readonly Seen[]): number {
  let checked = 0;
  for (const answer of seen) {
    const problems = contract.checkResponse(answer);
    if (problems === null) continue;
    checked++;
    if (problems.length > 0) t.fail(`${answer.method} ${answer.path} → ${answer.status} does not match the document`, { problems });
  }
  return checked;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body, or undefined when it is not JSON. */
  readonly body: any;
}

/** A request exactly as given (content type, raw body), for the bad-input tests. */
export async function raw(baseUrl: string, method: string, path: string, init: { headers?: Record<string, string>; body?: string | Buffer | FormData } = {}): Promise<RawAnswer> {
  const response = await fetch(baseUrl + path, { method, headers: init.headers, body: init.body as BodyInit | undefined });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}
