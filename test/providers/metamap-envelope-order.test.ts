// verification_started, verification_inputs_completed and verification_expired are the bare
// envelope, serialised in its documented key order (reference §5.3): resource, eventName,
// flowId, timestamp, then metadata when it was given. They are built as text (payloads.ts); this
// holds the text to JSON.stringify of the documented object.
import t from 'tap';
import { loadConfig } from '../../src/core/config.js';
import { DEFAULT_FLOW } from '../../src/providers/metamap/flows.js';
import { createVerification } from '../../src/providers/metamap/lifecycle.js';
import { inputsCompleted, verificationExpired, verificationStarted } from '../../src/providers/metamap/payloads.js';
import { createSimulator } from '../../src/simulator.js';

const METADATA: Array<Record<string, unknown> | null> = [null, {}, { userId: 'u-1', plan: 'pro' }, { note: 'line\nbreak "quoted" \\ \u2028 😀', n: -1.5e-300, ok: false, nothing: null }];
const PUBLIC_URLS = ['http://localhost:4010', 'https://sim.example.test/x/"q"\\ü'];

t.test('the bare envelope events serialise as the documented envelope', async (t) => {
  const events = { verification_started: verificationStarted, verification_inputs_completed: inputsCompleted, verification_expired: verificationExpired };
  for (const publicUrl of PUBLIC_URLS) {
    const sim = await createSimulator(loadConfig({ CLOCK: 'manual', SEED: 'envelope-text', LOG_LEVEL: 'silent', PUBLIC_URL: publicUrl }));
    t.teardown(() => sim.close());
    for (const [m, metadata] of METADATA.entries()) {
      const session = createVerification(sim, { flow: DEFAULT_FLOW, metadata, ua: 'ua', ip: 'ip' });
      for (const [eventName, make] of Object.entries(events)) {
        const body = make(sim, session).text;
        const expected = {
          resource: `${publicUrl}/v2/verifications/${session.id}`,
          eventName,
          flowId: DEFAULT_FLOW.id,
          timestamp: new Date(sim.clock.now()).toISOString(),
          ...(metadata ? { metadata } : {}),
        };
        t.equal(body, JSON.stringify(expected), `${eventName}, metadata #${m}, PUBLIC_URL ${JSON.stringify(publicUrl)}`);
      }
    }
  }
});
