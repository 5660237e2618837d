// How sessions and deliveries look through the admin API.
import type { Session } from '../../engine/session.js';
import type { DeliveryRecord } from '../../webhooks/ledger.js';
import type { Simulator } from '../../simulator.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function sessionSummary(sim: Simulator, session: Session) {
  const next = session.timeline.filter((e) => e.state === 'scheduled').sort((a, b) => a.dueAt - b.dueAt)[0];
  return {
    id: session.id,
    provider: session.provider,
    phase: session.phase,
    scenario: session.scenario,
    scenarioSource: session.scenarioSource,
    createdAt: iso(session.createdAt),
    nextEvent: next ? { event: next.event, dueAt: iso(next.dueAt) } : null,
    pendingDeliveries: sim.ledger.deliveries({ sessionId: session.id, state: 'pending' }).length,
  };
}

export function sessionDetail(sim: Simulator, session: Session) {
  return {
    ...sessionSummary(sim, session),
    startedAt: iso(session.startedAt),
    completedAt: iso(session.completedAt),
    finishedAt: iso(session.finishedAt),
    [session.provider]: sim.provider(session.provider).describe(sim, session),
    timeline: session.timeline.map((e) => ({ ...e, dueAt: iso(e.dueAt), firedAt: iso(e.firedAt) })),
    deliveries: sim.ledger.deliveries({ sessionId: session.id }).map(deliveryView),
  };
}

export function deliveryView(delivery: DeliveryRecord) {
  return { ...delivery, attemptCount: delivery.attempts.length };
}
