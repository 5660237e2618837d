// The inspector's other panels: the clock (advance in manual mode), the scenario
// catalogue, and the registered webhook endpoints (secret on demand, register, remove).
import { badge, clockTime, getJson, h, postJson, type Child } from './dom.js';
import type { ClockView, EndpointView, ScenarioView } from '../../http/admin/api-types.js';

export function clockStatus(clock: ClockView): Child[] {
  return [
    h('span', { class: 'visually-hidden' }, 'Clock mode'),
    badge(clock.scale !== 1 && clock.mode === 'scaled' ? `scaled ×${clock.scale}` : `${clock.mode} clock`, 'info'),
    h('span', { class: 'now', title: 'Simulated time (UTC)' }, clockTime(clock.now)),
    h('span', { class: 'small' }, clock.nextDueAt ? `next ${clockTime(clock.nextDueAt, clock.now)} (${clock.pendingTasks} waiting)` : 'nothing due'),
  ];
}

/** Manual mode only; built once, so what is typed survives the live updates. */
export function clockControls(current: () => ClockView, onChange: (m: string) => void): Child[] {
  const input = h('input', { id: 'advance-by', value: '1m', 'aria-describedby': 'advance-help', size: 6, title: 'Advance by (e.g. 30s, 15m, 1h30m)' });
  const advance = async (by: string) => {
    try {
      await postJson('/__admin/clock/advance', { by });
      onChange(`Clock advanced by ${by}.`);
    } catch (error) {
      onChange(`Advance failed: ${(error as Error).message}`);
    }
  };
  const toNext = () => {
    const clock = current();
    if (!clock.nextDueAt) return onChange('Nothing is due on the clock.');
    void advance(`${Math.max(1, Math.ceil((Date.parse(clock.nextDueAt) - Date.parse(clock.now)) / 1000))}s`);
  };
  return [
    h(
      'form',
      { class: 'clock', onsubmit: (e: Event) => (e.preventDefault(), void advance(input.value.trim())) },
      h('label', { for: 'advance-by', class: 'visually-hidden' }, 'Advance by'),
      input,
      h('span', { id: 'advance-help', class: 'visually-hidden' }, 'A duration such as 30s, 15m or 1h30m'),
      h('button', { type: 'submit', class: 'btn btn-small' }, 'Advance'),
      h('button', { type: 'button', class: 'btn btn-small', onclick: toNext }, 'To next due'),
    ),
  ];
}

const formatAt = (at: ScenarioView['timeline'][number]['at']) => {
  if (at === 'phase2') return 'phase 2 delay';
  const f = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`);
  return at.min === at.max ? f(at.min) : `${f(at.min)}–${f(at.max)}`;
};

const describeStep = (t: ScenarioView['timeline'][number]) => {
  const p = t.params ?? {};
  const error = (p.error as { code?: string } | undefined)?.code;
  const detail = [p.step, error ? `✗ ${error}` : null, p.status, (t.data as { riskLevel?: string } | undefined)?.riskLevel].filter(Boolean).join(' ');
  return `${t.event}${detail ? ` (${detail})` : ''} @ ${formatAt(t.at)}`;
};

export function scenariosPanel(scenarios: ScenarioView[]): Child[] {
  const byProvider = new Map<string, ScenarioView[]>();
  for (const s of scenarios) byProvider.set(s.provider, [...(byProvider.get(s.provider) ?? []), s]);
  return [
    h('h2', { style: 'margin-top:0' }, 'Scenario catalogue'),
    h('p', { class: 'muted small' }, 'One file per outcome under scenarios/<provider>/. Pick one in the portals, with POST /__admin/sessions/{id}/complete, or through referenceData / metadata.'),
    ...[...byProvider].map(([provider, list]) => [
      h('h3', {}, provider === 'metamap' ? 'MetaMap' : provider === 'verifime' ? 'VerifiMe' : provider),
      h(
        'table',
        { class: 'catalogue' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Description'), h('th', { scope: 'col' }, 'Timeline'))),
        h(
          'tbody',
          {},
          ...list.map((s) =>
            h(
              'tr',
              { 'data-scenario': `${s.provider}/${s.name}` },
              h('td', {}, h('code', {}, s.name), s.default ? [' ', badge('default', 'ok')] : null),
              h('td', {}, s.description),
              h('td', { class: 'small' }, s.timeline.map(describeStep).join(' → ') || '—'),
            ),
          ),
        ),
      ),
    ]),
  ];
}

export function webhooksPanel(endpoints: EndpointView[], revealed: Map<string, string>, onChange: (m: string) => void): Child[] {
  const reveal = async (id: string) => {
    if (revealed.has(id)) revealed.delete(id);
    else {
      const all = await getJson<{ webhooks: EndpointView[] }>('/__admin/webhooks?showSecrets=true');
      revealed.set(id, all.webhooks.find((e) => e.id === id)?.secret ?? '');
    }
    onChange(revealed.has(id) ? 'Secret shown.' : 'Secret hidden.');
  };
  const remove = async (id: string) => {
    const response = await fetch(`/__admin/webhooks/${id}`, { method: 'DELETE' });
    onChange(response.ok ? 'Endpoint removed.' : `Remove failed: HTTP ${response.status}`);
  };
  const rows = endpoints.map((e) =>
    h(
      'tr',
      { 'data-endpoint': e.id },
      h('td', {}, badge(e.provider === 'metamap' ? 'MetaMap' : 'VerifiMe', e.provider === 'metamap' ? 'violet' : 'info')),
      h('td', {}, h('code', {}, e.url), h('div', { class: 'small muted' }, `${e.scope ? `scope ${e.scope}` : 'every event'} · ${e.source}`)),
      h('td', {}, h('code', { 'data-secret': e.id }, revealed.get(e.id) ?? e.secret), ' ', h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-key': `secret-${e.id}`, 'aria-pressed': revealed.has(e.id) ? 'true' : 'false', onclick: () => void reveal(e.id) }, revealed.has(e.id) ? 'Hide secret' : 'Show secret')),
      h('td', {}, h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-key': `remove-${e.id}`, onclick: () => void remove(e.id) }, 'Remove')),
    ),
  );
  return [
    h('h2', { style: 'margin-top:0' }, 'Webhook endpoints'),
    endpoints.length > 0
      ? h('table', {}, h('thead', {}, h('tr', {}, ...['Provider', 'URL', 'Secret', ''].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, ...rows))
      : h('p', { class: 'muted' }, 'No endpoints registered: events are recorded but not sent.'),
    registerForm(onChange),
  ];
}

function registerForm(onChange: (m: string) => void): HTMLElement {
  const status = h('p', { class: 'small', role: 'status' });
  const form = h(
    'form',
    {
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const data = new FormData(form);
        const body = Object.fromEntries([...data.entries()].filter(([, v]) => String(v).trim() !== ''));
        try {
          const created = await postJson<EndpointView>('/__admin/webhooks', body);
          status.textContent = `Registered ${created.url}; its secret is ${created.secret}`;
          onChange('Endpoint registered.');
        } catch (error) {
          status.textContent = `Not registered: ${(error as Error).message}`;
        }
      },
    },
    h('h3', {}, 'Register an endpoint'),
    h(
      'div',
      { class: 'toolbar' },
      h('div', {}, h('label', { for: 'wh-provider' }, 'Provider'), h('select', { id: 'wh-provider', name: 'provider' }, h('option', { value: 'verifime' }, 'VerifiMe'), h('option', { value: 'metamap' }, 'MetaMap'))),
      h('div', { style: 'flex:3' }, h('label', { for: 'wh-url' }, 'URL'), h('input', { id: 'wh-url', name: 'url', type: 'url', required: true, placeholder: 'http://localhost:3000/webhooks' })),
      h('div', {}, h('label', { for: 'wh-scope' }, 'Scope (optional)'), h('input', { id: 'wh-scope', name: 'scope', placeholder: 'KYCSIM or a flow id' })),
      h('div', {}, h('label', { for: 'wh-secret' }, 'Secret (optional)'), h('input', { id: 'wh-secret', name: 'secret', placeholder: 'generated' })),
      h('button', { type: 'submit', class: 'btn btn-primary' }, 'Register'),
    ),
    status,
  );
  return form;
}
