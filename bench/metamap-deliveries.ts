// MetaMap webhook deliveries per second with the whole event fan-out, from an in-process
// kyc-sim with a manual clock to the out-of-process receiver (which checks x-signature).
//
// Phase 1 (not timed for the target): N verifications through POST /v2/verifications (each
// sends verification_started), then POST /__admin/sessions/:id/complete for each (each
// sends verification_inputs_completed and puts Phase 2 on the clock); both through fastify
// inject in batches. Every Phase 1 delivery has arrived before the timed window opens.
// Phase 2 (timed): POST /__admin/clock/advance {by:'2m'} fires every step_completed of the
// default flow and verification_completed (PHASE2_DELAY '1m'). All verifications completed
// at the same simulated instant, so each step is one instant with N lanes (one per
// verification) running concurrently, bounded by the outbox's per-endpoint queue
// (DELIVERY_CONCURRENCY). The window ends when the receiver has every request and the
// ledger has every delivery delivered, whichever is later.
//
// Zero lost means: every delivery the ledger expects (2 + timeline steps per verification)
// arrived exactly once with a valid signature, in the verification's event order, and the
// ledger shows it delivered on the first attempt. Baseline, same run: raw undici POSTs of
// the very same Phase 2 bytes and headers at the same concurrency.
import type { InjectOptions } from 'fastify';
import type { RunningServer } from '../src/server.js';
import { METAMAP_CREATE_BODY, metamapToken } from './metamap-create.js';
import { fmt, log, measureAdvance, METAMAP_SECRET, rawBaseline, startSim, wallNow, type RawRequest, type ReceiverHandle, type Row } from './lib.js';

export interface MetamapDeliveryOptions {
  readonly sessions: number;
  /** DELIVERY_CONCURRENCY of the simulator; the baseline uses the same. */
  readonly concurrency: number;
}

export const METAMAP_DELIVERY_DEFAULTS: MetamapDeliveryOptions = { sessions: 3_000, concurrency: 16 };
const TARGET_PER_SECOND = 3_000;
const PHASE1_EVENTS = new Set(['verification_started', 'verification_inputs_completed']);

/** The receiver's key of a MetaMap body (bench/receiver-process.ts): one per expected delivery. */
function keyOf(id: string, body: string): string {
  const json = JSON.parse(body) as { eventName: string; step?: { id?: string } };
  return `${id} ${json.eventName}${json.step?.id ? ` ${json.step.id}` : ''}`;
}

/** Runs `count` injected requests in batches; throws on the first non-2xx. */
async function injectAll(server: RunningServer, count: number, make: (i: number) => InjectOptions, batch = 250) {
  const bodies: string[] = [];
  for (let done = 0; done < count; done += batch) {
    const replies = await Promise.all(Array.from({ length: Math.min(batch, count - done) }, (_x, i) => server.app.inject(make(done + i))));
    for (const reply of replies) {
      if (reply.statusCode < 200 || reply.statusCode > 299) throw new Error(`inject answered ${reply.statusCode}: ${reply.body}`);
      bodies.push(reply.body);
    }
  }
  return bodies;
}

export async function benchMetamapDeliveries(receiver: ReceiverHandle, options: MetamapDeliveryOptions = METAMAP_DELIVERY_DEFAULTS): Promise<Row[]> {
  const n = options.sessions;
  const server = await startSim({
    CLOCK: 'manual',
    PHASE2_DELAY: '1m',
    DELIVERY_CONCURRENCY: String(options.concurrency),
    METAMAP_WEBHOOK_URL: receiver.url,
    METAMAP_WEBHOOK_SECRET: METAMAP_SECRET,
  });
  let phase2Bodies: RawRequest[] = [];
  let result: {
    perSecond: number;
    cpuPerDeliveryUs: number;
    phase1PerSecond: number;
    total: number;
    counts: { lost: number; badSignature: number; notDelivered: number; outOfOrder: number };
    problems: string[];
  };
  try {
    await receiver.reset();
    const token = await metamapToken(server.url);
    const p1 = wallNow();
    const created = await injectAll(server, n, () => ({
      method: 'POST',
      url: '/v2/verifications',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(METAMAP_CREATE_BODY),
    }));
    const ids = created.map((body) => (JSON.parse(body) as { id: string }).id);
    await receiver.waitFor(n, 120_000);
    const createdMs = wallNow() - p1;
    await injectAll(server, n, (i) => ({ method: 'POST', url: `/__admin/sessions/${ids[i]}/complete`, headers: { 'content-type': 'application/json' }, payload: '{}' }));
    await receiver.waitFor(2 * n, 120_000);
    const phase1Ms = wallNow() - p1;
    log(
      `metamap-deliveries: ${fmt(n)} verifications created in ${fmt(createdMs)} ms and completed in ${fmt(phase1Ms - createdMs)} ms ` +
        `(inject, incl. their ${fmt(2 * n)} deliveries = ${fmt(((2 * n) / phase1Ms) * 1000)}/s)`,
    );

    // Phase 2: every timeline step of every verification, in one advance.
    const phase2 = ids.reduce((sum, id) => sum + server.sim.store.get(id)!.timeline.length, 0);
    const total = 2 * n + phase2;
    const { start, answeredAt, end, used, receiverCpuMs: rcpu } = await measureAdvance(server, receiver, { by: '2m', delivered: phase2, arrivals: total, timeoutMs: 180_000 });
    const perSecond = (phase2 / (end - start)) * 1000;

    // Every expected delivery, once, valid, in order, and delivered on the first attempt.
    const stats = await receiver.stats();
    const arrivals = new Map<string, string[]>();
    for (const [ref] of await receiver.arrivals()) {
      const id = ref.slice(0, ref.indexOf(' '));
      const list = arrivals.get(id);
      if (list) list.push(ref);
      else arrivals.set(id, [ref]);
    }
    let missing = 0;
    let outOfOrder = 0;
    for (const id of ids) {
      const expected = server.sim.ledger.events(id).map((e) => keyOf(id, e.body));
      const got = arrivals.get(id) ?? [];
      const have = new Set(got);
      missing += expected.filter((k) => !have.has(k)).length;
      if (got.length === expected.length && got.join('\n') !== expected.join('\n')) outOfOrder += 1;
    }
    const deliveries = server.sim.ledger.deliveries({ provider: 'metamap' });
    const delivered = deliveries.filter((d) => d.state === 'delivered' && d.attempts.length === 1).length;
    const counts = { lost: missing, badSignature: stats.invalid, notDelivered: total - delivered, outOfOrder };
    // Anything else that would hide a loss: duplicates, stray requests, a short ledger.
    const problems = [
      stats.count !== total && `receiver got ${fmt(stats.count)} of ${fmt(total)}`,
      stats.distinctRefs !== total && `${fmt(stats.distinctRefs)} distinct of ${fmt(total)}`,
      stats.unparsable > 0 && `${fmt(stats.unparsable)} unparsable`,
      deliveries.length !== total && `ledger has ${fmt(deliveries.length)} deliveries`,
    ].filter((p): p is string => typeof p === 'string');
    log(
      `metamap-deliveries: advance 2m: ${fmt(phase2)} in ${fmt(end - start)} ms = ${fmt(perSecond)}/s (answered after ${fmt(answeredAt - start)} ms); ` +
        `receiver ${fmt(stats.count)} (valid ${fmt(stats.valid)}, distinct ${fmt(stats.distinctRefs)}); ledger ${fmt(delivered)}/${fmt(deliveries.length)} delivered; ` +
        `${fmt((used.cpuMs / phase2) * 1000)} µs sim CPU per delivery, ${fmt(used.cpuShare * 100)}% of a core, event loop ${fmt(used.eventLoopUtilisation * 100)}% busy; ` +
        `receiver CPU ${fmt((rcpu / used.wallMs) * 100)}%; ${JSON.stringify(counts)}${problems.length ? `; ${problems.join(', ')}` : ''}`,
    );
    phase2Bodies = deliveries.filter((d) => !PHASE1_EVENTS.has(d.eventName)).map((d) => ({ body: d.body, headers: d.requestHeaders }));
    result = {
      perSecond,
      cpuPerDeliveryUs: (used.cpuMs / phase2) * 1000,
      phase1PerSecond: ((2 * n) / phase1Ms) * 1000,
      total,
      counts,
      problems,
    };
  } finally {
    await server.close();
  }

  const baseline = await rawBaseline(receiver, phase2Bodies, options.concurrency, 'metamap-deliveries');
  const c = result.counts;
  return [
    {
      metric: `MetaMap deliveries/s, manual advance, c=${options.concurrency}`,
      measured: fmt(result.perSecond),
      baseline: `${fmt(baseline.perSecond)} (${baseline.label})`,
      target: `ratio ${(result.perSecond / baseline.perSecond).toFixed(2)}; >= ${fmt(TARGET_PER_SECOND)}/s`,
      pass: result.perSecond >= TARGET_PER_SECOND,
    },
    {
      metric: '  sender CPU per delivery (µs)',
      measured: fmt(result.cpuPerDeliveryUs),
      baseline: fmt(baseline.cpuPerDeliveryUs),
      target: `${(result.cpuPerDeliveryUs / baseline.cpuPerDeliveryUs).toFixed(1)}x baseline; info`,
      pass: null,
    },
    {
      metric: '  Phase 1 deliveries/s (create + complete, inject)',
      measured: fmt(result.phase1PerSecond),
      baseline: '-',
      target: 'info',
      pass: null,
    },
    {
      metric: '  lost / bad sig / not delivered / out of order',
      measured: [c.lost, c.badSignature, c.notDelivered, c.outOfOrder].map((v) => fmt(v)).join(' / ') + (result.problems.length ? `; ${result.problems.join('; ')}` : ''),
      baseline: `${fmt(baseline.sessions - baseline.received)} / ${fmt(baseline.invalid)} / - / -`,
      target: `all 0 of ${fmt(result.total)} (${fmt(n)} × ${fmt(result.total / n)} events)`,
      pass: Object.values(c).every((v) => v === 0) && result.problems.length === 0,
    },
  ];
}
