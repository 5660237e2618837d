// The document itself: really OpenAPI 3.1, a `webhooks` entry (body schema and signature
// header parameters) for every event name the simulator can emit, a response schema for every
// status of every documented operation, and components that all compile (no dangling $ref).
import t from 'tap';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { EVENTS } from '../../src/providers/metamap/vocabulary.js';
import { RISK_ASSESSMENT_UPDATED } from '../../src/providers/verifime/vocabulary.js';
import { startTestServer } from '../support/server.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

t.test('the OpenAPI document', async (t) => {
  const server = await startTestServer(t);
  const res = await server.call('GET', '/documentation/json');
  t.equal(res.status, 200);
  const doc = res.body;
  t.equal(doc.openapi, '3.1.0', 'OpenAPI 3.1.0 (webhooks need 3.1)');
  t.equal((await fetch(`${server.url}/documentation`, { redirect: 'manual' })).status < 400, true, 'the UI is served');

  t.test('webhooks: every event, with its signature header and body schema', async (t) => {
    const expected = {
      [RISK_ASSESSMENT_UPDATED]: ['X-VerifiMe-Signature', 'X-VerifiMe-Version'],
      ...Object.fromEntries(Object.values(EVENTS).map((name) => [name, ['x-signature']])),
    };
    t.same(Object.keys(doc.webhooks).sort(), Object.keys(expected).sort(), 'one entry per event name the simulator emits');
    for (const [name, headers] of Object.entries(expected)) {
      const post = doc.webhooks[name]?.post;
      const params = (post?.parameters ?? []) as { name: string; in: string; required: boolean; schema: object }[];
      t.same(params.filter((p) => p.in === 'header' && p.required && p.schema).map((p) => p.name), headers, `${name}: required header parameters ${headers.join(', ')}`);
      t.match(post?.requestBody, { required: true, content: { 'application/json': { schema: { $ref: /^#\/components\/schemas\// } } } }, `${name}: JSON body schema`);
      const body = doc.components.schemas[String(post?.requestBody?.content['application/json'].schema.$ref).split('/').pop() as string];
      t.equal(body?.additionalProperties, false, `${name}: body is closed (additionalProperties false)`);
      t.ok(body?.properties?.eventName?.enum?.length === 1 || body?.properties?.eventName?.const, `${name}: eventName is fixed`);
      t.ok(post?.responses?.['2XX'], `${name}: says what a 2xx answer means`);
    }
  });

  t.test('every operation documents a schema for each of its statuses', async (t) => {
    let operations = 0;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const method of HTTP_METHODS.filter((m) => item[m])) {
        operations++;
        const responses = Object.entries(item[method].responses as Record<string, any>);
        t.notOk(responses.some(([, r]) => r.description === 'Default Response'), `${method.toUpperCase()} ${path}: no undocumented default response`);
        for (const [status, response] of responses) {
          if (status === '204') continue;
          const schemas = Object.values((response.content ?? {}) as Record<string, { schema?: object }>).map((m) => m.schema);
          t.ok(schemas.length > 0 && schemas.every(Boolean), `${method.toUpperCase()} ${path} → ${status}: has a schema`);
        }
        const provider = item[method].tags?.find((tag: string) => tag === 'VerifiMe' || tag === 'MetaMap');
        if (provider) t.ok(responses.some(([status]) => status.startsWith('4')), `${method.toUpperCase()} ${path}: documents its errors`);
      }
    }
    t.ok(operations >= 28, `${operations} operations`);
  });

  t.test('every component compiles under JSON Schema 2020-12', async (t) => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    ajv.addFormat('binary', true);
    const defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll('"#/components/schemas/', '"urn:kyc-sim:doc#/$defs/'));
    ajv.addSchema({ $id: 'urn:kyc-sim:doc', $defs: defs });
    for (const name of Object.keys(defs)) {
      t.doesNotThrow(() => ajv.compile({ $ref: `urn:kyc-sim:doc#/$defs/${name}` }), name);
    }
  });
});
