// One webhook delivery in the inspector: endpoint, state, every attempt (status, latency,
// response snippet, next retry), the exact request headers and body, resend, copy as curl.
import { badge, clockTime, h, postJson, tone } from './dom.js';
import type { Attempt, Delivery } from '../../http/admin/api-types.js';

/** POSIX-shell single quoting. */
const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

export function curlFor(delivery: Delivery): string {
  const headers = Object.entries(delivery.requestHeaders)
    .filter(([name]) => name.toLowerCase() !== 'content-length')
    .map(([name, value]) => `  -H ${quote(`${name}: ${value}`)} \\`);
  return [`curl -sS -X POST ${quote(delivery.url)} \\`, ...headers, `  --data-raw ${quote(delivery.body)}`].join('\n');
}

export function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const attemptRow = (deliveryId: string, a: Attempt, now: string) =>
  h(
    'tr',
    {},
    h('td', {}, String(a.number)),
    h('td', { class: 'mono' }, clockTime(a.at, now)),
    h('td', {}, a.status !== null ? badge(String(a.status), a.status >= 200 && a.status < 300 ? 'ok' : 'err') : badge(a.error ?? 'no answer', 'err')),
    h('td', {}, `${a.latencyMs} ms`),
    h('td', {}, badge(a.outcome, tone(a.outcome)), a.reason ? h('div', { class: 'small muted' }, a.reason) : null, a.nextAttemptAt ? h('div', { class: 'small' }, `next attempt ${clockTime(a.nextAttemptAt, now)}`) : null),
    h('td', {}, a.responseSnippet ? h('details', { 'data-key': `resp-${deliveryId}-${a.number}` }, h('summary', {}, 'Response'), h('pre', {}, a.responseSnippet)) : h('span', { class: 'muted small' }, '—')),
  );

// Deliveries whose curl command is shown: it stays shown when the panel re-renders.
const curlShown = new Set<string>();

export function deliveryBlock(delivery: Delivery, now: string, onChange: (message: string) => void): HTMLElement {
  const status = h('p', { class: 'small status-line', role: 'status' });
  const curlBox = h('div');
  const showCurl = () => curlBox.replaceChildren(h('pre', { 'data-curl': delivery.id, 'aria-label': 'curl command' }, curlFor(delivery)));
  if (curlShown.has(delivery.id)) showCurl();
  const final =
    delivery.state === 'pending'
      ? delivery.nextAttemptAt
        ? `retrying; next attempt at ${clockTime(delivery.nextAttemptAt, now)}`
        : 'first attempt in flight'
      : `final: ${delivery.state}${delivery.reason ? ` (${delivery.reason})` : ''}`;
  const resend = h('button', {
    type: 'button',
    class: 'btn btn-secondary btn-small',
    'data-key': `resend-${delivery.id}`,
    onclick: async () => {
      status.textContent = 'Resending…';
      try {
        const copy = await postJson<Delivery>(`/__admin/deliveries/${delivery.id}/redeliver`);
        const last = copy.attempts[copy.attempts.length - 1];
        onChange(`Resent as ${copy.id}: ${last ? (last.status ?? last.error) : 'in flight'}`);
      } catch (error) {
        status.textContent = `Resend failed: ${(error as Error).message}`;
      }
    },
  }, 'Resend');
  const copy = h('button', {
    type: 'button',
    class: 'btn btn-secondary btn-small',
    'data-key': `curl-${delivery.id}`,
    onclick: async () => {
      curlShown.add(delivery.id);
      showCurl();
      try {
        await navigator.clipboard.writeText(curlFor(delivery));
        status.textContent = 'curl command copied to the clipboard.';
      } catch {
        status.textContent = 'The clipboard is not available here; copy the command below.';
      }
    },
  }, 'Copy as curl');
  return h(
    'div',
    { class: 'delivery', 'data-delivery': delivery.id },
    h(
      'div',
      { class: 'dhead' },
      badge(delivery.state, tone(delivery.state)),
      // Scenario faults, so a forged or duplicate copy is never mistaken for the real delivery.
      ...(delivery.faults ?? []).map((fault) => badge(`fault: ${fault}`, 'warn')),
      h('code', { class: 'grow' }, delivery.url),
      resend,
      copy,
    ),
    h('p', { class: 'small muted', style: 'margin:6px 0 0' }, `${delivery.id} · ${delivery.attempts.length} attempt${delivery.attempts.length === 1 ? '' : 's'} · ${final}`),
    delivery.attempts.length > 0
      ? h(
          'table',
          { 'aria-label': `Attempts of ${delivery.id}` },
          h('thead', {}, h('tr', {}, ...['#', 'At', 'Status', 'Latency', 'Outcome', 'Response'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, ...delivery.attempts.map((a) => attemptRow(delivery.id, a, now))),
        )
      : null,
    h('details', { 'data-key': `headers-${delivery.id}` }, h('summary', {}, 'Request headers'), h('pre', {}, Object.entries(delivery.requestHeaders).map(([k, v]) => `${k}: ${v}`).join('\n'))),
    h('details', { 'data-key': `body-${delivery.id}` }, h('summary', {}, 'Request body'), h('pre', {}, pretty(delivery.body))),
    curlBox,
    status,
  );
}
