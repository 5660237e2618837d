// The inspector's session views: the list (newest first) and one session's timeline, where
// every event sits with its deliveries and every attempt.
import { badge, clockTime, h, postJson, tone, type Child } from './dom.js';
import { deliveryBlock, pretty } from './inspector-delivery.js';
import type { Delivery, EventRecord, ScenarioView, SessionDetail, SessionSummary, TimelineEntry } from '../../http/admin/api-types.js';

const PROVIDERS: Record<string, string> = { verifime: 'VerifiMe', metamap: 'MetaMap' };
const providerBadge = (id: string) => badge(PROVIDERS[id] ?? id, id === 'metamap' ? 'violet' : 'info');

export function sessionRow(s: SessionSummary, selected: boolean, now: string): HTMLElement {
  return h(
    'tr',
    { 'data-session': s.id, 'aria-selected': selected ? 'true' : 'false' },
    h('td', {}, providerBadge(s.provider), h('br'), h('a', { href: `#/sessions/${s.id}`, title: s.id }, s.id), h('div', { class: 'small muted' }, `created ${clockTime(s.createdAt, now)}`)),
    h('td', {}, s.scenario ?? '—', s.scenarioSource ? h('div', { class: 'small muted' }, s.scenarioSource) : null),
    h('td', {}, badge(s.phase, tone(s.phase)), s.pendingDeliveries > 0 ? h('div', { class: 'small' }, `${s.pendingDeliveries} delivery pending`) : null),
    h('td', {}, s.nextEvent ? [h('span', { class: 'small' }, s.nextEvent.event), h('div', { class: 'small mono' }, clockTime(s.nextEvent.dueAt, now))] : h('span', { class: 'muted small' }, '—')),
  );
}

interface Item {
  time: string;
  order: number;
  node: HTMLElement;
}

const milestone = (time: string | null, text: string, order: number, now: string): Item | null =>
  time ? { time, order, node: h('li', { class: 'milestone' }, h('div', { class: 'tl-head' }, h('span', { class: 'tl-time' }, clockTime(time, now)), h('strong', {}, text))) } : null;

function eventItem(event: EventRecord, entry: TimelineEntry | undefined, deliveries: Delivery[], now: string, onChange: (m: string) => void): Item {
  return {
    time: event.createdAt,
    order: 10 + (entry?.index ?? 0),
    node: h(
      'li',
      { 'data-event': event.id },
      h('div', { class: 'tl-head' }, h('span', { class: 'tl-time' }, clockTime(event.createdAt, now)), h('strong', {}, event.eventName), badge(entry ? 'fired' : 'sent', 'ok'), h('span', { class: 'small muted' }, event.id)),
      deliveries.length > 0
        ? deliveries.map((d) => deliveryBlock(d, now, onChange))
        : [h('p', { class: 'small muted', style: 'margin:4px 0' }, 'Recorded only: no webhook endpoint was registered for it.'), h('details', { 'data-key': `body-${event.id}` }, h('summary', {}, 'Body'), h('pre', {}, pretty(event.body)))],
    ),
  };
}

function scheduledItem(entry: TimelineEntry, now: string): Item {
  const time = entry.firedAt ?? entry.dueAt;
  return {
    time,
    order: 10 + entry.index,
    node: h(
      'li',
      { class: entry.state === 'scheduled' ? 'future' : '' },
      h('div', { class: 'tl-head' }, h('span', { class: 'tl-time' }, clockTime(time, now)), h('strong', {}, entry.event), badge(entry.state, tone(entry.state)), entry.state === 'scheduled' ? h('span', { class: 'small muted' }, 'due on the clock') : null),
      entry.note ? h('p', { class: 'small muted', style: 'margin:4px 0' }, entry.note) : null,
    ),
  };
}

function facts(provider: Record<string, unknown> | undefined): HTMLElement | null {
  if (!provider) return null;
  const rows: Child[] = [];
  for (const [key, value] of Object.entries(provider)) {
    if (value === null || value === undefined || (typeof value === 'object' && Object.keys(value as object).length === 0)) continue;
    const shown =
      typeof value === 'string' && /^https?:\/\//.test(value)
        ? h('a', { href: value, target: '_blank', rel: 'noopener' }, value)
        : typeof value === 'object'
          ? h('code', {}, JSON.stringify(value))
          : String(value);
    rows.push(h('dt', {}, key), h('dd', {}, shown));
  }
  return h('dl', { class: 'kv small' }, ...rows);
}

function completeForm(detail: SessionDetail, scenarios: ScenarioView[], onChange: (m: string) => void): HTMLElement | null {
  if (detail.phase !== 'created' && detail.phase !== 'started') return null;
  const select = h('select', { id: 'complete-scenario' }, h('option', { value: '' }, 'automatic (conventions, metadata, default)'), ...scenarios.filter((s) => s.provider === detail.provider).map((s) => h('option', { value: s.name }, s.name)));
  const status = h('span', { class: 'small', role: 'status' });
  return h(
    'form',
    {
      class: 'toolbar',
      style: 'margin-top:14px',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          await postJson(`/__admin/sessions/${detail.id}/complete`, select.value ? { scenario: select.value } : {});
          onChange('Data entry completed; Phase 2 is on the clock.');
        } catch (error) {
          status.textContent = (error as Error).message;
        }
      },
    },
    h('div', {}, h('label', { for: 'complete-scenario' }, 'Finish data entry as the customer'), select),
    h('button', { type: 'submit', class: 'btn btn-primary btn-small' }, 'Complete'),
    status,
  );
}

export function sessionDetail(detail: SessionDetail, events: EventRecord[], scenarios: ScenarioView[], now: string, onChange: (m: string) => void): Child[] {
  const byEvent = new Map<string, Delivery[]>();
  for (const d of detail.deliveries) byEvent.set(d.eventId, [...(byEvent.get(d.eventId) ?? []), d]);
  const fired = new Set(events.map((e) => e.id));
  const items: Item[] = [
    milestone(detail.createdAt, detail.provider === 'metamap' ? 'Verification created' : 'Invite created (Inactive)', 0, now),
    milestone(detail.startedAt, detail.provider === 'metamap' ? 'Customer started' : 'Customer started (Active)', 1, now),
    milestone(detail.completedAt, 'Data entry complete: Phase 2 starts', 2, now),
    ...events.map((e) => eventItem(e, detail.timeline.find((t) => t.webhookEventId === e.id), byEvent.get(e.id) ?? [], now, onChange)),
    ...detail.timeline.filter((t) => !t.webhookEventId || !fired.has(t.webhookEventId)).map((t) => scheduledItem(t, now)),
  ].filter((i): i is Item => i !== null);
  items.sort((a, b) => a.time.localeCompare(b.time) || a.order - b.order);
  return [
    h('div', { class: 'tl-head' }, providerBadge(detail.provider), badge(detail.phase, tone(detail.phase))),
    h('h2', { style: 'margin:6px 0 2px', class: 'mono' }, detail.id),
    h('p', { class: 'small muted' }, `Scenario ${detail.scenario ?? '—'} (${detail.scenarioSource ?? '—'})`, detail.nextEvent ? ` · next: ${detail.nextEvent.event} at ${clockTime(detail.nextEvent.dueAt, now)}` : ''),
    facts(detail[detail.provider] as Record<string, unknown> | undefined),
    completeForm(detail, scenarios, onChange),
    h('h3', {}, 'Timeline'),
    h('ol', { class: 'timeline' }, ...items.map((i) => i.node)),
  ];
}
