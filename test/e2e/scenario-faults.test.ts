// Scenario delivery faults: duplicate, reorder, dropped first attempt, bad signature — what
// a consumer's endpoint sees, and what the ledger says about it.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { loadConfig } from '../../src/core/config.js';
import { startServer } from '../../src/server.js';
import { createVerification, setupMetamap } from '../support/metamap.js';
import { startReceiver, type Received } from '../support/receiver.js';
import { INVITE, startTestServer } from '../support/server.js';

const BUNDLED = new URL('../../scenarios', import.meta.url).pathname;

function scenariosWith(t: Test, provider: string, name: string, yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-sim-faults-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(BUNDLED, dir, { recursive: true });
  writeFileSync(join(dir, provider, `${name}.yaml`), yaml);
  return dir;
}

t.test('VerifiMe faulty-delivery: forged copy, dropped first attempt, duplicate', async (t) => {
  const receiver = await startReceiver({ secret: 'vm-secret', signatureHeader: 'x-verifime-signature' });
  t.teardown(() => receiver.close());
  const server = await startTestServer(t, { VERIFIME_WEBHOOK_URL: receiver.url, VERIFIME_WEBHOOK_SECRET: 'vm-secret', PHASE2_DELAY: '2m' });
  const ref = (await server.call('POST', '/v1/user/invite', INVITE)).body.trackingReference as string;
  receiver.script({ status: 401 }); // a careful consumer rejects the forged copy
  await server.call('POST', `/__admin/sessions/${ref}/complete`, { scenario: 'faulty-delivery' });
  await server.advance('2m');

  t.same(receiver.received.map((r) => r.signatureValid), [false, true], 'the forged copy first, then the duplicate; the dropped attempt never arrived');
  t.equal(receiver.received[0].body, receiver.received[1].body, 'same bytes, same eventId');
  let deliveries = (await server.call('GET', `/__admin/deliveries?session=${ref}`)).body.deliveries as any[];
  t.same(deliveries.map((d) => [d.faults, d.state]), [[['bad-signature'], 'stopped'], [['drop-first-attempt'], 'pending'], [['duplicate'], 'delivered']]);
  t.match(deliveries[0].reason, /forged copy .* rejected with 401; sent once, never retried/);
  t.match(deliveries[1].attempts[0], { status: null, error: /dropped by the scenario fault dropFirstAttempt/, outcome: 'retry', nextAttemptAt: '2026-01-01T00:17:00.000Z' });

  await server.advance('15m');
  t.equal(receiver.received.length, 3, 'the genuine event after VerifiMe’s 15-minute retry');
  t.ok(receiver.received[2].signatureValid);
  t.equal(receiver.received[2].body, receiver.received[1].body);
  deliveries = (await server.call('GET', `/__admin/deliveries?session=${ref}`)).body.deliveries as any[];
  t.same(deliveries.map((d) => d.state), ['stopped', 'delivered', 'delivered']);
  await server.advance('2h');
  t.equal(receiver.received.length, 3, 'the forged copy is never retried');
});

t.test('a receiver that accepts the forged copy is called out in the ledger', async (t) => {
  const receiver = await startReceiver({ secret: 'vm-secret', signatureHeader: 'x-verifime-signature' });
  t.teardown(() => receiver.close());
  const server = await startTestServer(t, { VERIFIME_WEBHOOK_URL: receiver.url, VERIFIME_WEBHOOK_SECRET: 'vm-secret', PHASE2_DELAY: '2m' });
  const ref = (await server.call('POST', '/v1/user/invite', INVITE)).body.trackingReference as string;
  await server.call('POST', `/__admin/sessions/${ref}/complete`, { scenario: 'faulty-delivery' });
  await server.advance('2m');
  const forged = (await server.call('GET', `/__admin/deliveries?session=${ref}&state=stopped`)).body.deliveries[0];
  t.match(forged.reason, /ACCEPTED with 200: the receiver does not verify the signature/);
});

t.test('reorder holds an event back until the next one is out', async (t) => {
  const dir = scenariosWith(
    t,
    'verifime',
    'reordered',
    `version: 1
description: PRELIMINARY overtaken by ASSESSED
timeline:
  - { event: RISK_ASSESSMENT_UPDATED, at: 10s, data: { assessmentStatus: PENDING, riskLevel: null } }
  - { event: RISK_ASSESSMENT_UPDATED, at: 20s, data: { assessmentStatus: PRELIMINARY, riskLevel: LOW }, faults: { reorder: true } }
  - { event: RISK_ASSESSMENT_UPDATED, at: 30s, data: { assessmentStatus: ASSESSED, riskLevel: LOW } }
`,
  );
  const receiver = await startReceiver({ secret: 'vm-secret', signatureHeader: 'x-verifime-signature' });
  t.teardown(() => receiver.close());
  const server = await startTestServer(t, { SCENARIOS_DIR: dir, VERIFIME_WEBHOOK_URL: receiver.url, VERIFIME_WEBHOOK_SECRET: 'vm-secret' });
  const ref = (await server.call('POST', '/v1/user/invite', INVITE)).body.trackingReference as string;
  await server.call('POST', `/__admin/sessions/${ref}/complete`, { scenario: 'reordered' });
  await server.advance('25s');
  t.same(receiver.received.map((r) => r.json.assessmentStatus), ['PENDING'], 'PRELIMINARY is held back');
  const held = (await server.call('GET', `/__admin/sessions/${ref}`)).body.timeline[1];
  t.match(held, { state: 'fired', note: /held back/, webhookEventId: null });
  await server.advance('10s');
  t.same(receiver.received.map((r) => r.json.assessmentStatus), ['PENDING', 'ASSESSED', 'PRELIMINARY'], 'delivered after ASSESSED');
  t.equal(receiver.received[2].json.eventTimestamp, '2026-01-01T00:00:20Z', 'it keeps the time it was created');
  t.equal((await server.call('GET', `/__admin/sessions/${ref}`)).body.phase, 'finished');
});

t.test('MetaMap faulty-delivery: seeded, so the same SEED faults the same events', async (t) => {
  const run = async (seed: string) => {
    const { server, receiver, auth } = await setupMetamap(t, { SEED: seed });
    const { id } = (await createVerification(server, auth, { userId: 'u1', scenario: 'faulty-delivery' })).body as { id: string };
    await server.call('POST', `/__admin/sessions/${id}/complete`, {});
    await server.advance('2m');
    await server.advance('1m');
    const names = (received: Received[]) => received.map((r) => `${r.json.eventName}${r.json.step ? `:${(r.json.step as { id: string }).id}` : ''}${r.signatureValid ? '' : ' (forged)'}`);
    const deliveries = (await server.call('GET', `/__admin/deliveries?session=${id}`)).body.deliveries as any[];
    await server.close();
    return { sequence: names(receiver.received), deliveries };
  };
  const first = await run('7');
  const again = await run('7');
  t.same(again.sequence, first.sequence, 'same seed, same faulted sequence');
  const completed = first.sequence.filter((n) => n.startsWith('verification_completed'));
  t.same(completed, ['verification_completed (forged)', 'verification_completed'], 'forged verdict, then the genuine one a minute later');
  t.ok(first.deliveries.some((d) => d.faults.includes('duplicate')), 'some step was duplicated');
  const steps = first.sequence.filter((n) => n.startsWith('step_completed'));
  t.ok(steps.length >= 8, 'every step arrived at least once');
  const other = await run('8');
  t.not(JSON.stringify(other.sequence), JSON.stringify(first.sequence), 'another seed faults other events');
});

t.test('fault settings are validated at load', async (t) => {
  const dir = scenariosWith(t, 'verifime', 'bad-faults', `version: 1
description: bad
faults: { duplicate: 2, lose: true }
timeline: []
`);
  const error = await startServer(loadConfig({ PORT: '0', SCENARIOS_DIR: dir, LOG_LEVEL: 'silent' })).then(
    () => undefined,
    (e: Error) => e,
  );
  t.match(error?.message, /bad-faults\.yaml: \/faults\/duplicate/);
  t.match(error?.message, /lose/);
});
