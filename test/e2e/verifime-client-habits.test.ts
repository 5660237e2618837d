// What real VerifiMe clients do that the happy path does not: HTTP helpers that send a JSON
// Content-Type (and an empty body) on every request, base URLs ending in "/", link checkers
// that HEAD the invite link, and webhooks for customers whose name was never entered.
import t from 'tap';
import { startReceiver } from '../support/receiver.js';
import { INVITE, startTestServer } from '../support/server.js';

t.test('VerifiMe client habits', async (t) => {
  const receiver = await startReceiver({ secret: 'whsec-habits', signatureHeader: 'X-VerifiMe-Signature' });
  t.teardown(() => receiver.close());
  const server = await startTestServer(t, { VERIFIME_WEBHOOK_URL: receiver.url, VERIFIME_WEBHOOK_SECRET: 'whsec-habits' });
  const newRef = async (): Promise<string> => (await server.call('POST', '/v1/user/invite', INVITE)).body.trackingReference;
  const status = async (ref: string) => (await server.call('GET', `/v1/user/signup/tracking/${ref}/status`)).body.status;

  t.test('Force Verify ignores whatever body and Content-Type come with it', async (t) => {
    const cases: [string, Record<string, string>, string | undefined][] = [
      ['application/json, empty body', { 'content-type': 'application/json' }, ''],
      ['application/json, {}', { 'content-type': 'application/json' }, '{}'],
      ['application/json, not JSON', { 'content-type': 'application/json' }, '{oops'],
      ['text/plain, empty body', { 'content-type': 'text/plain' }, ''],
      ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'],
      ['no Content-Type, no body', {}, undefined],
    ];
    for (const [label, headers, body] of cases) {
      const ref = await newRef();
      const res = await fetch(`${server.url}/v1/user/signup/tracking/${ref}/force-verify`, { method: 'POST', headers, body });
      const answer = (await res.json()) as { status: string; assessmentStatus: string };
      t.equal(res.status, 200, label);
      t.match(answer, { status: 'Completed', assessmentStatus: 'ASSESSED' }, `${label}: Phase 2 finished`);
    }
    const unknown = await fetch(`${server.url}/v1/user/signup/tracking/00000000-0000-4000-8000-000000000000/force-verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '',
    });
    t.equal(unknown.status, 404, 'an unknown reference is still a 404');
  });

  t.test('a base URL ending in "/" (//v1/...) reaches the same routes', async (t) => {
    const res = await server.call('POST', '//v1/user/invite', INVITE);
    t.equal(res.status, 200);
    t.match(res.body.trackingReference, /^[0-9a-f-]{36}$/);
    const polled = await server.call('GET', `//v1/user/signup/tracking/${res.body.trackingReference}/status`);
    t.same(polled.body, { status: 'Inactive' });
  });

  t.test('HEAD on the invite link (a link checker) does not start the visit; GET does', async (t) => {
    const ref = await newRef();
    const head = await fetch(`${server.url}/sign-up/track-id/${ref}`, { method: 'HEAD' });
    t.equal(head.status, 200);
    t.equal(await status(ref), 'Inactive');
    await fetch(`${server.url}/sign-up/track-id/${ref}`);
    t.equal(await status(ref), 'Active');
  });

  t.test('a generated customerName is a plain given and family name', async (t) => {
    const names: string[] = [];
    for (let i = 0; i < 25; i += 1) {
      const ref = await newRef();
      const res = await server.call('POST', `/v1/user/signup/tracking/${ref}/force-verify`);
      t.equal(res.status, 200);
    }
    for (const hook of receiver.received) names.push((hook.json as { customerName: string }).customerName);
    t.ok(names.length >= 25, `${names.length} webhooks`);
    for (const name of names) {
      t.match(name, /^\S+ \S+( \S+)?$/, `"${name}" is given + family name`);
      t.notMatch(name, /\b(Mr|Mrs|Ms|Miss|Dr)\.|\b(DDS|DVM|PhD|MD|Jr\.|Sr\.|I{2,3}|IV|V)$/, `"${name}" has no title or suffix`);
    }
  });
});
