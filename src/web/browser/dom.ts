// Small DOM helpers shared by the pages' browser modules. Text always goes in through
// textContent, so nothing from the server is ever parsed as HTML.
export type Child = Node | string | number | null | undefined | false | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function $(selector: string, root: ParentNode = document): HTMLElement {
  const found = root.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`missing element ${selector}`);
  return found;
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export async function postJson<T>(url: string, body: unknown = {}): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as T & { detail?: string; title?: string }) : ({} as T & { detail?: string; title?: string });
  if (!response.ok) throw new Error(parsed.detail ?? parsed.title ?? `${url}: HTTP ${response.status}`);
  return parsed;
}

/** "2026-01-01T00:02:15.000Z" → "00:02:15" (date added when not today on the same clock). */
export function clockTime(iso: string | null | undefined, reference?: string): string {
  if (!iso) return '—';
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  return reference && reference.slice(0, 10) === day ? time : `${day} ${time}`;
}

export function badge(text: string, tone: 'ok' | 'warn' | 'err' | 'info' | 'violet' | '' = ''): HTMLElement {
  return h('span', { class: `badge ${tone}`.trim() }, text);
}

export function tone(state: string | null | undefined): 'ok' | 'warn' | 'err' | 'info' | '' {
  switch (state) {
    case 'delivered':
    case 'finished':
    case 'fired':
    case 'verified':
    case 'Completed':
      return 'ok';
    case 'pending':
    case 'scheduled':
    case 'retry':
    case 'inputs-complete':
    case 'reviewNeeded':
    case 'started':
    case 'Active':
      return 'warn';
    case 'stopped':
    case 'dead-lettered':
    case 'expired':
    case 'rejected':
    case 'cancelled':
      return 'err';
    default:
      return 'info';
  }
}
