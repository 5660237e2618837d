// Every MetaMap scenario, end to end over real HTTP with a real receiver (create, send-input,
// the clock, the resource, status changes, deletion, media, the legacy identity call): each
// webhook body and its x-signature must match the document's `webhooks` entry for its
// eventName, and every answer the test saw must match its route's response schema.
import { readdirSync } from 'node:fs';
import t from 'tap';
import { checkAllResponses, loadContract, recordResponses } from '../support/contract.js';
import {
  createVerification,
  FLOW_ID,
  passportFile,
  passportInput,
  sendInput,
  setupMetamap,
  uploadPassportAndVideo,
  videoFile,
  videoInput,
} from '../support/metamap.js';

const SCENARIOS = readdirSync(new URL('../../scenarios/metamap/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));
const EVENTS = ['verification_started', 'verification_inputs_completed', 'step_completed', 'verification_completed', 'verification_updated', 'verification_expired'];

t.test('MetaMap: every scenario’s webhooks and answers match the OpenAPI document', async (t) => {
  const { server, receiver, auth } = await setupMetamap(t);
  const seen = recordResponses(t, () => [server.url, server.sim.publicUrl].map((u) => new URL(u).origin));
  const contract = await loadContract(server.url);
  const get = (id: string) => server.call('GET', `/v2/verifications/${id}`, undefined, auth);

  const ids = new Map<string, { id: string; identity: string }>();
  for (const scenario of SCENARIOS) {
    const created = await createVerification(server, auth, { userId: `u-${scenario}`, scenario });
    t.equal(created.status, 200, `${scenario}: created`);
    ids.set(scenario, created.body);
    await get(created.body.id);
    t.equal((await uploadPassportAndVideo(server, auth, created.body.identity)).status, 201, `${scenario}: inputs uploaded`);
  }
  // No metadata at all: the webhooks carry no metadata key.
  const plain = await createVerification(server, auth);
  // Per-input errors in a 201, then the missing input, a two-sided front waiting for its back.
  const partial = await sendInput(server, auth, plain.body.identity, [passportInput('nowhere.jpg'), videoInput()], [videoFile()]);
  t.equal(partial.status, 201, 'per-input errors still answer 201');
  const front = { ...passportInput('id-front.jpg'), data: { ...passportInput().data, type: 'national-id', filename: 'id-front.jpg' } };
  t.equal((await sendInput(server, auth, plain.body.identity, [front], [passportFile('id-front.jpg')])).status, 201);
  // The legacy identity call (old SDKs), then its inputs.
  const legacy = await server.call('POST', '/v2/identities', { metadata: { userId: 'legacy' } }, auth);
  t.equal(legacy.status, 200, 'legacy identity');
  await uploadPassportAndVideo(server, auth, legacy.body._id);

  await server.advance('21s');
  for (const { id } of ids.values()) await get(id);
  await server.advance('3m');
  for (const { id } of ids.values()) await get(id);
  await server.advance('40m'); // reviews after 30 minutes, expiry, retries, the back-side wait

  const verified = ids.get('verified');
  if (verified) {
    for (const status of ['reviewNeeded', 'rejected']) {
      t.equal((await server.call('PUT', `/v2/verifications/${verified.id}/status`, { status }, auth)).status, 200, `PUT status ${status}`);
    }
    const resource = (await get(verified.id)).body;
    const photo = new URL(resource.documents[0].photos[0]);
    t.equal((await fetch(`${server.url}${photo.pathname}`, { headers: auth })).status, 200, 'media');
    t.equal((await fetch(`${server.url}/file?location=${photo.pathname.split('/').pop()}`, { headers: auth })).status, 200, 'media by location');
  }
  const doomed = ids.get('review-negligence') ?? [...ids.values()][0];
  t.equal((await server.call('DELETE', `/verifications/${doomed.id}`, undefined, auth)).status, 200, 'deleted');
  t.equal((await get(doomed.id)).status, 404, 'then 404');
  t.equal((await get(plain.body.id)).status, 200);
  for (const path of ['/__admin/sessions', `/__admin/sessions/${plain.body.id}`, `/__admin/deliveries?session=${plain.body.id}`, '/__admin/events', '/__admin/scenarios?provider=metamap']) {
    t.equal((await server.call('GET', path)).status, 200, path);
  }

  const names = new Set(receiver.received.map((r) => String(r.json.eventName)));
  for (const name of EVENTS) t.ok(names.has(name), `${name} was sent`);
  t.ok(receiver.received.some((r) => !('metadata' in r.json)), 'events without metadata');
  t.ok(receiver.received.some((r) => (r.json.step as { error?: unknown } | undefined)?.error), 'step_completed with an error');
  t.ok(receiver.received.some((r) => r.json.flowId === FLOW_ID));
  let bad = 0;
  for (const request of receiver.received) {
    const problems = contract.checkWebhook(request);
    if (problems.length > 0) bad++;
    t.same(problems, [], `${request.json.eventName}${request.json.step ? ` ${(request.json.step as { id: string }).id}` : ''} matches its webhooks entry`);
  }
  t.equal(bad, 0, `${receiver.received.length} webhooks checked`);
  const checked = checkAllResponses(t, contract, seen);
  t.ok(checked > 60, `${checked} answers checked against their response schemas`);
});
