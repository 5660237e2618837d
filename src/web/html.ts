// Minimal, dependency-free HTML rendering for the simulated pages: escaping plus one
// page frame. Everything a page needs is inline or served by kyc-sim itself (no CDN, no
// external fonts), so the pages work offline.
import { pageStyles, type Theme } from './styles.js';

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Tagged template that escapes every interpolated value unless it is `raw(...)`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0];
  values.forEach((value, i) => {
    const rendered = Array.isArray(value)
      ? value.map((v) => (v instanceof Raw ? v.value : escapeHtml(v))).join('')
      : value instanceof Raw
        ? value.value
        : escapeHtml(value);
    out += rendered + strings[i + 1];
  });
  return new Raw(out);
}

export class Raw {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const raw = (value: string): Raw => new Raw(value);
export const nothing = new Raw('');
/** `html` for an optional fragment. */
export const when = (condition: unknown, fragment: () => Raw): Raw => (condition ? fragment() : nothing);

export interface PageOptions {
  /** Product name in the header ("VerifiMe", "MetaMap dashboard", "kyc-sim"). */
  readonly brand: string;
  readonly theme?: Theme;
  /** Browser modules served at /__kyc-sim/js/<name>.js, loaded as `type="module"`. */
  readonly modules?: readonly string[];
  /** Classic scripts (e.g. the widget) loaded before the modules. */
  readonly scripts?: readonly string[];
  /** Wide layout (dashboards, the inspector) instead of a single column. */
  readonly wide?: boolean;
  /** Extra content at the right of the header. */
  readonly headerExtra?: Raw;
  /** Page-specific CSS added after the shared stylesheet. */
  readonly css?: string;
}

const MARKS: Record<Theme, string> = {
  verifime: '<svg aria-hidden="true" width="26" height="26" viewBox="0 0 26 26"><circle cx="13" cy="13" r="12" fill="#14b8a6"/><path d="M7 13.5l4 4 8-9" stroke="#fff" stroke-width="2.6" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  metamap: '<svg aria-hidden="true" width="26" height="26" viewBox="0 0 26 26"><rect x="1" y="1" width="24" height="24" rx="7" fill="#8b5cf6"/><path d="M7 18V8l6 6 6-6v10" stroke="#fff" stroke-width="2.4" fill="none" stroke-linejoin="round"/></svg>',
  admin: '<svg aria-hidden="true" width="26" height="26" viewBox="0 0 26 26"><rect x="1" y="1" width="24" height="24" rx="6" fill="#38bdf8"/><path d="M8 9l4 4-4 4M14 17h5" stroke="#0f172a" stroke-width="2.4" fill="none" stroke-linecap="round"/></svg>',
};

export function page(title: string, body: Raw, brandOrOptions: string | PageOptions = 'kyc-sim'): string {
  const options: PageOptions = typeof brandOrOptions === 'string' ? { brand: brandOrOptions } : brandOrOptions;
  const theme: Theme = options.theme ?? (/metamap/i.test(options.brand) ? 'metamap' : /verifime/i.test(options.brand) ? 'verifime' : 'admin');
  const scripts = (options.scripts ?? []).map((src) => `<script src="${escapeHtml(src)}"></script>`).join('');
  const modules = (options.modules ?? []).map((name) => `<script type="module" src="/__kyc-sim/js/${escapeHtml(name)}.js"></script>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${escapeHtml(title)} · ${escapeHtml(options.brand)}</title>
<style>${pageStyles(theme)}${options.css ?? ''}</style>${scripts}${modules}</head>
<body class="theme-${theme}${options.wide ? ' wide' : ''}"><a class="skip" href="#main">Skip to content</a>
<header class="top"><span class="brand">${MARKS[theme]}<span>${escapeHtml(options.brand)}</span></span><span class="sim-pill" title="This page is simulated by kyc-sim; nothing is really verified">simulated by kyc-sim</span>${options.headerExtra?.value ?? ''}</header>
<main id="main" tabindex="-1">${body.value}</main></body></html>`;
}
