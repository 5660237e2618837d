// Runs Phase 2: when a session's inputs are complete, its scenario's timeline is put on
// the clock; each step, when due, becomes a provider event published to the outbox.
import type { Clock, ScheduledTask } from '../core/clock.js';
import type { DelayRange } from '../core/duration.js';
import type { Random } from '../core/random.js';
import type { EventRecord } from '../webhooks/ledger.js';
import type { Outbox } from '../webhooks/outbox.js';
import type { ScenarioCatalogue, ScenarioDelay, ScenarioStep } from './scenario-catalogue.js';
import { moveTo, type Session, type TimelineEntry } from './session.js';

export interface ProviderEvent {
  readonly eventName: string;
  readonly payload: unknown;
}

export interface TimelineDialect {
  /** The event a due step produces, or null when the step is suppressed (with a note). */
  eventFor(session: Session, step: ScenarioStep, entry: TimelineEntry): ProviderEvent | { suppressed: string };
}

export interface RunnerOptions {
  readonly clock: Clock;
  readonly random: Random;
  readonly catalogue: ScenarioCatalogue;
  readonly outbox: Outbox;
  readonly phase2Delay: DelayRange;
  readonly dialect: (provider: string) => TimelineDialect;
}

export interface Runner {
  /** Schedules the session's scenario timeline from its completion time. */
  startPhase2(session: Session): void;
  /** Fires every step still waiting, now, in order (VerifiMe's Force Verify). */
  finishNow(session: Session): Promise<void>;
  /** Publishes a provider event outside the scenario timeline (e.g. verification_started). */
  emit(session: Session, event: ProviderEvent): Promise<EventRecord>;
  /** Schedules a one-off task for a session on the clock; cancelled by reset. */
  at(session: Session, time: number, task: () => unknown): ScheduledTask;
  reset(): void;
}

export function createRunner(options: RunnerOptions): Runner {
  const { clock, catalogue, outbox } = options;
  const tasks = new Map<string, Map<number, ScheduledTask>>();
  const extras = new Set<ScheduledTask>();

  const sample = (delay: ScenarioDelay, random: Random): number => {
    const range = delay === 'phase2' ? options.phase2Delay : delay;
    return range.min === range.max ? range.min : range.min + Math.floor(random.next() * (range.max - range.min + 1));
  };

  const emit = async (session: Session, event: ProviderEvent): Promise<EventRecord> =>
    outbox.publish({
      sessionId: session.id,
      provider: session.provider,
      scope: session.scope,
      eventName: event.eventName,
      payload: event.payload,
    });

  const fire = async (session: Session, entry: TimelineEntry): Promise<void> => {
    tasks.get(session.id)?.delete(entry.index);
    if (entry.state !== 'scheduled' || session.scenario === null) return;
    const step = catalogue.get(session.provider, session.scenario).timeline[entry.index];
    entry.firedAt = clock.now();
    const event = options.dialect(session.provider).eventFor(session, step, entry);
    if ('suppressed' in event) {
      entry.state = 'suppressed';
      entry.note = event.suppressed;
    } else {
      entry.state = 'fired';
      const record = await emit(session, event);
      entry.webhookEventId = record.id;
    }
    if (session.timeline.every((e) => e.state !== 'scheduled') && session.phase === 'inputs-complete') {
      moveTo(session, 'finished', clock.now());
    }
  };

  return {
    startPhase2(session) {
      if (session.scenario === null || session.completedAt === null) throw new Error('session has no scenario or completion time');
      const scenario = catalogue.get(session.provider, session.scenario);
      const random = options.random.fork(`session/${session.id}/timeline`);
      const scheduled = new Map<number, ScheduledTask>();
      session.timeline = scenario.timeline.map((step, index) => ({
        index,
        event: step.event,
        dueAt: session.completedAt! + sample(step.at, random),
        state: 'scheduled',
        firedAt: null,
        webhookEventId: null,
        note: null,
      }));
      // Steps due at the same moment keep their file order (the clock breaks ties by insertion).
      for (const entry of [...session.timeline].sort((a, b) => a.dueAt - b.dueAt || a.index - b.index)) {
        scheduled.set(entry.index, clock.schedule(entry.dueAt, () => fire(session, entry)));
      }
      tasks.set(session.id, scheduled);
      if (session.timeline.length === 0) moveTo(session, 'finished', clock.now());
    },
    async finishNow(session) {
      for (const task of tasks.get(session.id)?.values() ?? []) task.cancel();
      tasks.delete(session.id);
      const now = clock.now();
      const waiting = session.timeline.filter((e) => e.state === 'scheduled').sort((a, b) => a.dueAt - b.dueAt || a.index - b.index);
      for (const entry of waiting) {
        entry.dueAt = now;
        await fire(session, entry);
      }
    },
    emit,
    at(_session, time, task) {
      const scheduled = clock.schedule(time, () => {
        extras.delete(scheduled);
        return task();
      });
      extras.add(scheduled);
      return scheduled;
    },
    reset() {
      for (const byIndex of tasks.values()) for (const task of byIndex.values()) task.cancel();
      tasks.clear();
      for (const task of extras) task.cancel();
      extras.clear();
    },
  };
}
