// A kyc-sim server wired to a real VerifiMe receiver, for the delivery tests: every session's
// verdict is due 1 minute after it completes (PHASE2_DELAY=1m).
import type { Test } from 'tap';
import { startReceiver, type Reply } from './receiver.js';
import { INVITE, startTestServer } from './server.js';

export const VERIFIME_HEADER = 'X-VerifiMe-Signature';

export async function setupVerifime(t: Test, secret: string, env: Record<string, string> = {}) {
  const receiver = await startReceiver({ secret, signatureHeader: VERIFIME_HEADER });
  t.teardown(() => receiver.close());
  const server = await startTestServer(t, { VERIFIME_WEBHOOK_URL: receiver.url, VERIFIME_WEBHOOK_SECRET: secret, PHASE2_DELAY: '1m', ...env });
  let count = 0;
  /**
   * Creates and completes a session; its webhook is due 1 minute later. With `replies`, the
   * receiver answers this session's webhooks (told apart by `metadata`, the invite's
   * referenceData) with them: sessions due at the same instant arrive concurrently.
   */
  const session = async (scenario = 'low', ...replies: Reply[]): Promise<string> => {
    const referenceData = `session-${(count += 1)}`;
    if (replies.length > 0) receiver.replyTo((json) => json.metadata === referenceData, ...replies);
    const invite = await server.call('POST', '/v1/user/invite', { ...INVITE, referenceData });
    t.equal(invite.status, 200, 'invite created');
    const ref: string = invite.body.trackingReference;
    const done = await server.call('POST', `/__admin/sessions/${ref}/complete`, { scenario });
    t.equal(done.status, 200, 'session completed');
    return ref;
  };
  return { server, receiver, session };
}
