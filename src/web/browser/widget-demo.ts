// The widget demo page: creates an invite from the browser (as VerifiMe's example app
// does), embeds the widget, and after onSuccess follows Phase 2 through the admin API.
import { $, badge, clockTime, getJson, h, postJson, tone } from './dom.js';

interface Instance {
  destroy(): void;
}
type WidgetFn = (selector: string, ref: string, options: Record<string, unknown>) => Instance;

interface Detail {
  phase: string;
  scenario: string | null;
  scenarioSource: string | null;
  verifime: { assessment: { status: string | null; riskLevel: string | null } };
  timeline: { index: number; event: string; dueAt: string; state: string; firedAt: string | null }[];
  deliveries: { id: string; url: string; state: string; attempts: { number: number; status: number | null; error: string | null }[] }[];
}
interface ClockView {
  mode: string;
  now: string;
}

const form = $('#demo-form') as HTMLFormElement;
const status = $('#demo-status');
const phase2 = $('#demo-phase2');
let widget: Instance | undefined;
let follow: ReturnType<typeof setInterval> | undefined;
/** The Phase 2 panel's parts that change; the clock buttons are built once so a click never lands on a replaced node. */
let panel: { summary: HTMLElement; timeline: HTMLElement; deliveries: HTMLElement } | undefined;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const scenario = text('scenario');
  const referenceData = [text('referenceData'), scenario ? `scenario=${scenario}` : ''].filter(Boolean).join(';');
  const customerContext = Object.fromEntries(['firstName', 'middleName', 'familyName'].map((k) => [k, text(k)]).filter(([, v]) => v !== ''));
  status.textContent = 'Creating the invite…';
  const response = await fetch('/v1/user/invite', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: text('email'), code: text('code'), referenceData: referenceData || undefined, customerContext }),
  });
  const body = (await response.json()) as { trackingReference?: string; validationResults?: { message: string }[] };
  if (!response.ok || !body.trackingReference) {
    status.textContent = `The invite was rejected: ${(body.validationResults ?? []).map((r) => r.message).join('; ') || `HTTP ${response.status}`}`;
    return;
  }
  status.textContent = 'Invite created.';
  mount(body.trackingReference, text('email'));
});

function mount(ref: string, email: string): void {
  widget?.destroy();
  clearInterval(follow);
  phase2.hidden = true;
  panel = undefined;
  const card = $('#demo-widget-card');
  card.hidden = false;
  $('#demo-ref').replaceChildren('Tracking reference ', h('code', {}, ref), ' · ', h('a', { href: `/__admin/ui#/sessions/${ref}` }, 'open in the inspector'));
  const VerifimeWidget = (window as unknown as { VerifimeWidget: WidgetFn }).VerifimeWidget;
  widget = VerifimeWidget('#verifime-widget', ref, {
    email,
    onSuccess: () => {
      phase2.hidden = false;
      phase2.replaceChildren(h('h2', { style: 'margin-top:0' }, 'Phase 2'), h('p', {}, 'onSuccess() was called: data entry is complete. The verdict arrives as a webhook.'));
      void refresh(ref);
      follow = setInterval(() => void refresh(ref), 1000);
    },
    onError: (error: { code: string; message: string }) => {
      status.textContent = `onError: ${error.code}: ${error.message}`;
    },
  });
  card.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

async function refresh(ref: string): Promise<void> {
  const [detail, clock] = await Promise.all([getJson<Detail>(`/__admin/sessions/${ref}`), getJson<ClockView>('/__admin/clock')]);
  const a = detail.verifime.assessment;
  const rows = detail.timeline.map((e) =>
    h('tr', {}, h('td', {}, e.event), h('td', {}, clockTime(e.firedAt ?? e.dueAt, clock.now)), h('td', {}, badge(e.state, tone(e.state)))),
  );
  const deliveries = detail.deliveries.map((d) =>
    h('li', {}, badge(d.state, tone(d.state)), ' ', h('code', {}, d.url), ` — ${d.attempts.length} attempt(s): `, d.attempts.map((t) => String(t.status ?? t.error)).join(', ')),
  );
  panel ??= buildPanel(ref, clock.mode);
  panel.summary.replaceChildren('Scenario ', h('strong', {}, detail.scenario ?? '—'), ` (${detail.scenarioSource ?? '—'}); assessment `, badge(a.status ?? 'not started', a.status === 'ASSESSED' ? 'ok' : 'warn'), ...(a.riskLevel ? [' risk ', badge(a.riskLevel, 'info')] : []), ` · simulated time ${clockTime(clock.now)}`);
  panel.timeline.replaceChildren(...rows);
  panel.deliveries.replaceChildren(
    deliveries.length > 0
      ? h('ul', {}, ...deliveries)
      : h('p', { class: 'muted small' }, 'No deliveries yet. Without a registered webhook endpoint the events are recorded only; register one in the inspector.'),
  );
  if (detail.phase === 'finished' && detail.deliveries.every((d) => d.state !== 'pending')) clearInterval(follow);
}

function buildPanel(ref: string, mode: string): NonNullable<typeof panel> {
  const advance = mode === 'manual'
    ? h('p', { style: 'display:flex;gap:8px;align-items:center;flex-wrap:wrap' }, 'The clock is manual:', ...['1m', '3m', '15m'].map((by) => h('button', { type: 'button', class: 'btn btn-secondary btn-small', onclick: () => void postJson('/__admin/clock/advance', { by }).then(() => refresh(ref)) }, `Advance ${by}`)))
    : h('p', { class: 'muted small' }, `Clock: ${mode}.`);
  const built = { summary: h('p', {}), timeline: h('tbody', {}), deliveries: h('div', {}) };
  phase2.replaceChildren(
    h('h2', { style: 'margin-top:0' }, 'Phase 2'),
    built.summary,
    advance,
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Event'), h('th', {}, 'Due / sent'), h('th', {}, 'State'))), built.timeline),
    built.deliveries,
  );
  return built;
}
