// Runs Phase 2: when a session's inputs are complete, its scenario's timeline is put on
// the clock; each step, when due, becomes a provider event published to the outbox.
import type { Clock, ScheduledTask } from '../core/clock.js';
import type { DelayRange } from '../core/duration.js';
import type { Random } from '../core/random.js';
import type { EventRecord } from '../webhooks/ledger.js';
import type { Outbox } from '../webhooks/outbox.js';
import { decideFaults, NO_FAULTS, type EventFaults } from './faults.js';
import type { FaultSettings, Scenario, ScenarioCatalogue, ScenarioDelay, ScenarioStep } from './scenario-catalogue.js';
import { moveTo, type Session, type TimelineEntry } from './session.js';

export interface ProviderEvent {
  readonly eventName: string;
  readonly payload: unknown;
}

export interface TimelineDialect {
  /** The steps a session runs for a scenario (a provider may fit them to the session's flow). */
  timelineFor(session: Session, scenario: Scenario): readonly ScenarioStep[];
  /** The event a due step produces, or why it is suppressed. */
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
  emit(session: Session, event: ProviderEvent, faults?: EventFaults): Promise<EventRecord>;
  /**
   * Schedules `task(session)` on the clock, in the session's lane; cancelled by reset (the
   * clock's). The task gets the session so that one function can serve every session.
   */
  at<S extends Session>(session: S, time: number, task: (session: S) => unknown): ScheduledTask;
  /** Cancels every step still waiting (e.g. the verification was deleted). */
  cancel(session: Session): void;
  reset(): void;
}

export function createRunner(options: RunnerOptions): Runner {
  const { clock, catalogue, outbox } = options;
  // Per session: the steps it runs (fixed when Phase 2 starts), their pending timers, the
  // scenario's faults, and events held back by a `reorder` fault until the next one is out.
  interface Plan {
    readonly steps: readonly ScenarioStep[];
    readonly timers: Map<number, ScheduledTask>;
    readonly faults: FaultSettings;
    readonly held: { entry: TimelineEntry; event: ProviderEvent; faults: EventFaults }[];
  }
  const plans = new Map<string, Plan>();

  const sample = (delay: ScenarioDelay, random: Random): number => {
    const range = delay === 'phase2' ? options.phase2Delay : delay;
    return range.min === range.max ? range.min : range.min + Math.floor(random.next() * (range.max - range.min + 1));
  };

  const emit = (session: Session, event: ProviderEvent, faults: EventFaults = NO_FAULTS): Promise<EventRecord> =>
    outbox.publish({
      sessionId: session.id,
      provider: session.provider,
      scope: session.scope,
      eventName: event.eventName,
      payload: event.payload,
      faults,
    });

  const faultsFor = (session: Session, plan: Plan, entry: TimelineEntry, step: ScenarioStep): EventFaults => {
    if (step.faults === undefined && Object.keys(plan.faults).length === 0) return NO_FAULTS;
    return decideFaults(plan.faults, step.faults, options.random.fork(`session/${session.id}/faults/${entry.index}`));
  };

  const fire = async (session: Session, entry: TimelineEntry): Promise<void> => {
    const plan = plans.get(session.id);
    plan?.timers.delete(entry.index);
    if (entry.state !== 'scheduled' || !plan) return;
    const step = plan.steps[entry.index];
    entry.firedAt = clock.now();
    const event = options.dialect(session.provider).eventFor(session, step, entry);
    if ('suppressed' in event) {
      entry.state = 'suppressed';
      entry.note = event.suppressed;
    } else {
      entry.state = 'fired';
      const faults = faultsFor(session, plan, entry, step);
      const later = session.timeline.some((e) => e.state === 'scheduled' && e !== entry);
      if (faults.reorder && later) {
        entry.note = 'held back by the scenario fault reorder: delivered after the next event';
        plan.held.push({ entry, event, faults });
        return;
      }
      entry.webhookEventId = (await emit(session, event, faults)).id;
    }
    // Events held back by `reorder` go out once the event after them has.
    for (let held = plan.held.shift(); held; held = plan.held.shift()) {
      held.entry.webhookEventId = (await emit(session, held.event, held.faults)).id;
    }
    if (session.timeline.every((e) => e.state !== 'scheduled') && session.phase === 'inputs-complete') {
      moveTo(session, 'finished', clock.now());
    }
  };

  return {
    startPhase2(session) {
      if (session.scenario === null || session.completedAt === null) throw new Error('session has no scenario or completion time');
      const scenario = catalogue.get(session.provider, session.scenario);
      const steps = options.dialect(session.provider).timelineFor(session, scenario);
      const random = options.random.fork(`session/${session.id}/timeline`);
      const timers = new Map<number, ScheduledTask>();
      // Steps run in file order: a step is never due before the one listed above it.
      let earliest = session.completedAt;
      session.timeline = steps.map((step, index) => {
        earliest = Math.max(earliest, session.completedAt! + sample(step.at, random));
        return { index, event: step.event, dueAt: earliest, state: 'scheduled', firedAt: null, webhookEventId: null, note: null };
      });
      // Steps due at the same moment keep their order (the clock breaks ties by insertion).
      for (const entry of session.timeline) timers.set(entry.index, clock.schedule(entry.dueAt, () => fire(session, entry), session.id));
      plans.set(session.id, { steps, timers, faults: scenario.faults, held: [] });
      if (session.timeline.length === 0) moveTo(session, 'finished', clock.now());
    },
    async finishNow(session) {
      for (const task of plans.get(session.id)?.timers.values() ?? []) task.cancel();
      plans.get(session.id)?.timers.clear();
      const now = clock.now();
      const waiting = session.timeline.filter((e) => e.state === 'scheduled').sort((a, b) => a.dueAt - b.dueAt || a.index - b.index);
      for (const entry of waiting) {
        entry.dueAt = now;
        await fire(session, entry);
      }
    },
    emit,
    cancel(session) {
      for (const task of plans.get(session.id)?.timers.values() ?? []) task.cancel();
      plans.get(session.id)?.timers.clear();
      for (const entry of session.timeline) if (entry.state === 'scheduled') entry.state = 'cancelled';
    },
    at(session, time, task) {
      return clock.scheduleCall(time, task, session, session.id);
    },
    reset() {
      for (const plan of plans.values()) for (const task of plan.timers.values()) task.cancel();
      plans.clear();
    },
  };
}
