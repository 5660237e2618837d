// README example: the same kind of test with node:test (run by node-test-example.test.ts).
// A MetaMap consumer: authenticate, start a verification, let the customer finish, and wait
// for verification_completed without sleeping.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSimulator, type SimulatorHandle } from 'kyc-sim/testing';

let sim: SimulatorHandle;
before(async () => {
  sim = await startSimulator({ seed: 42 });
  // No receiver is needed to read the ledger; register your app's URL to have it called.
  sim.registerWebhook({ provider: 'metamap', url: 'http://127.0.0.1:9/not-listening', secret: 'KycSimMetamapSecret1' });
});
after(() => sim?.close());

test('a fraud attempt ends rejected', async () => {
  const { baseUrl, clientId, clientSecret, flowId } = sim.metamap;
  const oauth = await fetch(`${baseUrl}/oauth`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const { access_token } = (await oauth.json()) as { access_token: string };
  const created = await fetch(`${baseUrl}/v2/verifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ flowId, metadata: { userId: 'u-1', scenario: 'rejected-fraud' } }),
  });
  const { id } = (await created.json()) as { id: string };

  await sim.complete(id); // every input uploaded
  await sim.advance('15m'); // the verdict, then MetaMap's retries at +1, +3, +5, +7 and +10 minutes
  const completed = await sim.waitForDelivery({ sessionId: id, eventName: 'verification_completed', status: 'dead-lettered' });
  assert.equal(JSON.parse(completed.body).identityStatus, 'rejected');
  assert.equal(completed.attempts.length, 6, 'nobody listens on port 9: six attempts, then MetaMap gives up');
});
