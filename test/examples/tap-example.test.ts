// README example: a consumer's tap test driving kyc-sim in process. The "app" here is a
// stand-in for the consumer's webhook endpoint; in a real project it is the app under test.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import t from 'tap';
import { startSimulator } from 'kyc-sim/testing';

const SECRET = 'my-verifime-webhook-secret';

t.test('my app records the risk level VerifiMe sends', async (t) => {
  // The consumer's webhook endpoint: check X-VerifiMe-Signature, remember the verdict.
  const verdicts: string[] = [];
  const app = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const expected = createHmac('sha256', SECRET).update(body).digest();
      const given = Buffer.from(String(req.headers['x-verifime-signature']), 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return void res.writeHead(401).end();
      verdicts.push(JSON.parse(body).riskLevel);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  t.teardown(() => app.close());
  const { port } = app.address() as { port: number };

  const sim = await startSimulator({ webhooks: [{ provider: 'verifime', url: `http://127.0.0.1:${port}/webhooks/verifime`, secret: SECRET }] });
  t.teardown(() => sim.close());

  // What the consumer's VerifiMe client does, pointed at sim.url.
  const res = await fetch(`${sim.url}/v1/user/invite`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'jane@example.com', code: sim.verifime.organisationCode }),
  });
  const { trackingReference } = (await res.json()) as { trackingReference: string };

  await sim.complete(trackingReference, { scenario: 'extreme' }); // the customer finishes the portal
  await sim.advance('5m'); // Phase 2 delay is 1–3 minutes; no sleeping
  await sim.waitForDelivery({ sessionId: trackingReference, eventName: 'RISK_ASSESSMENT_UPDATED', status: 'delivered' });

  t.same(verdicts.at(-1), 'EXTREME');
});
