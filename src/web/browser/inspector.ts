// The inspector: polls the admin API every second (paused while the tab is hidden) and
// re-renders a panel only when its data changed, keeping open sections and focus.
import { $, append, getJson, h, type Child } from './dom.js';
import { clockControls, clockStatus, scenariosPanel, webhooksPanel } from './inspector-panels.js';
import { sessionDetail, sessionRow } from './inspector-session.js';
import type { ClockView, EndpointView, EventRecord, ScenarioView, SessionDetail, SessionSummary } from '../../http/admin/api-types.js';

const POLL_MS = 1000;
const last = new Map<string, string>();
const revealed = new Map<string, string>();
let scenarios: ScenarioView[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let now = '';
let clock: ClockView | undefined;

const route = () => {
  const [, view = 'sessions', id] = location.hash.split('/');
  return { view: ['sessions', 'scenarios', 'webhooks'].includes(view) ? view : 'sessions', id: id ? decodeURIComponent(id) : null };
};

const announce = (message: string) => {
  $('#announce').textContent = message;
  void refresh();
};

/** Replaces a panel's children when `data` changed, keeping open <details> and focus. */
function render(key: string, panel: HTMLElement, data: unknown, build: () => Child[]): void {
  const signature = JSON.stringify(data);
  if (last.get(key) === signature) return;
  last.set(key, signature);
  const open = new Set([...panel.querySelectorAll<HTMLDetailsElement>('details[data-key]')].filter((d) => d.open).map((d) => d.dataset.key));
  const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-key], [id]');
  const focusKey = focused && panel.contains(focused) ? (focused.dataset.key ? `[data-key="${focused.dataset.key}"]` : `#${focused.id}`) : null;
  panel.replaceChildren();
  append(panel, build());
  for (const d of panel.querySelectorAll<HTMLDetailsElement>('details[data-key]')) if (open.has(d.dataset.key)) d.open = true;
  if (focusKey) panel.querySelector<HTMLElement>(focusKey)?.focus();
}

async function refreshSessions(selected: string | null): Promise<void> {
  const provider = ($('#filter-provider') as HTMLSelectElement).value;
  const text = ($('#filter-text') as HTMLInputElement).value.trim().toLowerCase();
  const { sessions } = await getJson<{ sessions: SessionSummary[] }>(`/__admin/sessions${provider ? `?provider=${provider}` : ''}`);
  const shown = sessions.filter((s) => !text || [s.id, s.scenario ?? '', s.phase, s.provider].some((v) => v.toLowerCase().includes(text)));
  $('#session-count').textContent = `(${shown.length}${shown.length === sessions.length ? '' : ` of ${sessions.length}`})`;
  $('#sessions-empty').hidden = sessions.length > 0;
  render('sessions', $('#sessions-table tbody'), { shown, selected, day: now.slice(0, 10) }, () => shown.map((s) => sessionRow(s, s.id === selected, now)));
  const detail = $('#session-detail');
  if (!selected) return;
  const response = await fetch(`/__admin/sessions/${encodeURIComponent(selected)}`, { cache: 'no-store' });
  if (!response.ok) {
    render('detail', detail, { missing: selected }, () => [h('p', { class: 'muted' }, `No session ${selected} (it may have been reset).`)]);
    return;
  }
  const session = (await response.json()) as SessionDetail;
  const { events } = await getJson<{ events: EventRecord[] }>(`/__admin/events?session=${encodeURIComponent(selected)}`);
  render('detail', detail, { session, events, day: now.slice(0, 10) }, () => sessionDetail(session, events, scenarios, now, announce));
}

async function refresh(): Promise<void> {
  clearTimeout(timer);
  const { view, id } = route();
  try {
    const latest = await getJson<ClockView>('/__admin/clock');
    clock = latest;
    now = latest.now;
    render('clock', $('#clock-status'), latest, () => clockStatus(latest));
    render('clock-controls', $('#clock-controls'), latest.mode, () => (latest.mode === 'manual' ? clockControls(() => clock!, announce) : []));
    if (scenarios.length === 0) scenarios = (await getJson<{ scenarios: ScenarioView[] }>('/__admin/scenarios')).scenarios;
    if (view === 'sessions') await refreshSessions(id);
    if (view === 'scenarios') render('scenarios', $('#scenarios'), scenarios, () => scenariosPanel(scenarios));
    if (view === 'webhooks') {
      const { webhooks } = await getJson<{ webhooks: EndpointView[] }>('/__admin/webhooks');
      render('webhooks', $('#webhooks'), { webhooks, revealed: [...revealed] }, () => webhooksPanel(webhooks, revealed, announce));
    }
  } catch (error) {
    render('clock', $('#clock-status'), { error: String(error) }, () => [h('span', { role: 'alert' }, 'kyc-sim is not answering; retrying…')]);
  }
  if (!document.hidden) timer = setTimeout(() => void refresh(), POLL_MS);
}

function showView(): void {
  const { view } = route();
  for (const section of document.querySelectorAll<HTMLElement>('[data-view]')) section.hidden = section.dataset.view !== view;
  for (const tab of document.querySelectorAll<HTMLElement>('[data-tab]')) {
    if (tab.dataset.tab === view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  last.delete('detail');
  last.delete('sessions');
  void refresh();
}

$('#sessions-table tbody').addEventListener('click', (event) => {
  const row = (event.target as HTMLElement).closest<HTMLElement>('tr[data-session]');
  if (row && !(event.target as HTMLElement).closest('a')) location.hash = `#/sessions/${row.dataset.session}`;
});
for (const id of ['#filter-provider', '#filter-text']) $(id).addEventListener('input', () => void refresh());
window.addEventListener('hashchange', showView);
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) void refresh();
});
showView();
