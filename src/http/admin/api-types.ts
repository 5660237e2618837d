// The admin API's answers as its clients read them: the inspector page (type-only imports,
// erased when the page's modules are compiled) and `kyc-sim trigger`.
export interface SessionSummary {
  id: string;
  provider: string;
  phase: string;
  scenario: string | null;
  scenarioSource: string | null;
  createdAt: string;
  nextEvent: { event: string; dueAt: string } | null;
  pendingDeliveries: number;
}

export interface TimelineEntry {
  index: number;
  event: string;
  dueAt: string;
  state: string;
  firedAt: string | null;
  webhookEventId: string | null;
  note: string | null;
}

export interface Attempt {
  number: number;
  at: string;
  status: number | null;
  error: string | null;
  latencyMs: number;
  responseHeaders: Record<string, string>;
  responseSnippet: string;
  outcome: string;
  reason: string | null;
  nextAttemptAt: string | null;
}

export interface Delivery {
  id: string;
  eventId: string;
  eventName: string;
  url: string;
  requestHeaders: Record<string, string>;
  body: string;
  createdAt: string;
  /** Scenario delivery faults on this delivery: duplicate, bad-signature, drop-first-attempt. */
  faults: string[];
  state: string;
  reason: string | null;
  nextAttemptAt: string | null;
  attempts: Attempt[];
}

export interface SessionDetail extends SessionSummary {
  startedAt: string | null;
  completedAt: string | null;
  finishedAt: string | null;
  timeline: TimelineEntry[];
  deliveries: Delivery[];
  [provider: string]: unknown;
}

export interface EventRecord {
  id: string;
  eventName: string;
  body: string;
  createdAt: string;
  deliveryIds: string[];
}

export interface ClockView {
  mode: string;
  scale: number;
  now: string;
  pendingTasks: number;
  nextDueAt: string | null;
}

export interface ScenarioView {
  provider: string;
  name: string;
  description: string;
  default: boolean;
  timeline: { event: string; at: 'phase2' | { min: number; max: number }; params?: Record<string, unknown>; data?: Record<string, unknown> }[];
}

export interface EndpointView {
  id: string;
  provider: string;
  url: string;
  secret: string;
  scope: string | null;
  createdAt: string;
  source: string;
}
