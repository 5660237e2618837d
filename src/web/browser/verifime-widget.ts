// The VerifiMe-compatible widget (reference/verifime-api.md §9): V2's call shape and options,
// V1's behaviour. `VerifimeWidget(selector, trackingReference, { onSuccess, onError, email })`
// renders the QR code and a "Verify with VerifiMe" link to inviteUrl, polls the tracking
// status (from the click, or after 60 s, every second), calls onSuccess() once on Completed
// and onError({ code, message }) on a network or API error or a polling timeout.
// This file has no imports or exports: it is wrapped into the UMD and ESM builds by
// src/providers/verifime/pages-widget.ts, which declares KYC_SIM_BASE (PUBLIC_URL).
declare const KYC_SIM_BASE: string;

interface VerifimeWidgetError {
  code: 'NETWORK_ERROR' | 'API_ERROR' | 'INVALID_RESPONSE' | 'POLLING_TIMEOUT';
  message: string;
}

interface VerifimeWidgetOptions {
  onSuccess?: () => void;
  onError?: (error: VerifimeWidgetError) => void;
  /** Pre-fills the email field of the widget form (V2). */
  email?: string;
  /** Nonce for the widget's <style> under a `style-src 'nonce-…'` CSP (V2). */
  cspNonce?: string;
  /** V2 font loading; kyc-sim uses system fonts, so both values behave the same. */
  assetMode?: 'data' | 'url';
  /** kyc-sim: polling interval (default 1000 ms, as VerifiMe's V1 bundle). */
  pollIntervalMs?: number;
  /** kyc-sim: polling starts on click or after this long (default 60 000 ms). */
  autoStartMs?: number;
  /** kyc-sim: give up with POLLING_TIMEOUT after polling this long (default 30 min; 0 = never). */
  timeoutMs?: number;
  /** kyc-sim: base URL of the simulator, when not the PUBLIC_URL it serves this script with. */
  baseUrl?: string;
}

interface VerifimeWidgetInstance {
  destroy(): void;
}

const WIDGET_CSS = `
:host{all:initial;display:block}
.w{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#17212b;background:#fff;border:1px solid #d5dde5;border-radius:14px;padding:22px;max-width:380px;text-align:center;box-shadow:0 1px 3px rgba(16,24,40,.08)}
.logo{display:flex;align-items:center;justify-content:center;gap:8px;font-weight:700;color:#0b2a45;margin-bottom:6px}
h2{font-size:1.1rem;margin:4px 0 6px}p{margin:0 0 12px;color:#3d4b59}
img.qr{width:180px;height:180px;display:block;margin:8px auto 14px;border:1px solid #e3e8ee;border-radius:8px}
.btn{font:inherit;font-weight:650;display:inline-block;background:#0d6e66;color:#fff;border:0;border-radius:8px;padding:11px 20px;text-decoration:none;cursor:pointer}
.btn:hover{background:#09524c}.btn.secondary{background:#fff;color:#09524c;border:1px solid #8fa0b0}
.btn:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
details{margin-top:14px;text-align:left;font-size:.9rem}summary{cursor:pointer;color:#09524c}
label{display:block;font-weight:600;margin:8px 0 4px}input{font:inherit;width:100%;box-sizing:border-box;padding:8px 10px;border:1px solid #8593a3;border-radius:8px}
.spinner{width:34px;height:34px;border:4px solid #cfd8e3;border-top-color:#0d6e66;border-radius:50%;margin:10px auto 14px;animation:spin .9s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}
.icon{width:52px;height:52px;border-radius:50%;margin:6px auto 12px;display:flex;align-items:center;justify-content:center;font-size:28px;font-weight:700}
.icon.ok{background:#dcf5e7;color:#0b5d33}.icon.err{background:#fde2e0;color:#8f1d14}
.foot{font-size:.75rem;color:#52606d;margin-top:14px}
`;

function VerifimeWidget(selector: string | Element, trackingReference: string, options: VerifimeWidgetOptions = {}): VerifimeWidgetInstance {
  const host = typeof selector === 'string' ? document.querySelector(selector) : selector;
  if (!host) throw new Error(`VerifimeWidget: no element matches ${String(selector)}`);
  if (!trackingReference) throw new Error('VerifimeWidget: a trackingReference is required');
  const base = (options.baseUrl ?? KYC_SIM_BASE).replace(/\/+$/, '');
  const ref = encodeURIComponent(trackingReference);
  const inviteUrl = `${base}/sign-up/track-id/${ref}`;
  const qrUrl = `${base}/qr?url=${encodeURIComponent(inviteUrl)}`;
  const statusUrl = `${base}/v1/user/signup/tracking/${ref}/status`;
  const interval = options.pollIntervalMs ?? 1000;
  const timeout = options.timeoutMs ?? 30 * 60_000;

  const mount = document.createElement('div');
  mount.className = 'verifime-widget';
  host.appendChild(mount);
  const root = mount.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  if (options.cspNonce) style.nonce = options.cspNonce;
  style.textContent = WIDGET_CSS;
  const box = document.createElement('div');
  box.className = 'w';
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', 'VerifiMe identity verification');
  const live = document.createElement('div');
  live.setAttribute('aria-live', 'polite');
  box.appendChild(live);
  root.append(style, box);

  let destroyed = false;
  let succeeded = false;
  let polling = false;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let autoTimer: ReturnType<typeof setTimeout> | undefined;
  let pollStartedAt = 0;
  let inFlight: AbortController | undefined;

  const el = (tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const logo = () => {
    const l = el('div', { class: 'logo' });
    l.innerHTML = '<svg aria-hidden="true" width="22" height="22" viewBox="0 0 26 26"><circle cx="13" cy="13" r="12" fill="#14b8a6"/><path d="M7 13.5l4 4 8-9" stroke="#fff" stroke-width="2.6" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>';
    l.append('VerifiMe');
    return l;
  };
  const show = (...nodes: Node[]) => {
    live.replaceChildren(logo(), ...nodes, el('div', { class: 'foot' }, 'Simulated by kyc-sim'));
  };

  const stopPolling = () => {
    polling = false;
    clearTimeout(pollTimer);
    inFlight?.abort();
    inFlight = undefined;
  };
  const fail = (error: VerifimeWidgetError) => {
    stopPolling();
    clearTimeout(autoTimer);
    const retry = el('button', { type: 'button', class: 'btn secondary' }, 'Try again');
    retry.addEventListener('click', () => startStep(true));
    show(el('div', { class: 'icon err', 'aria-hidden': 'true' }, '!'), el('h2', {}, 'Something went wrong'), el('p', {}, error.message), retry);
    call(() => options.onError?.(error));
  };
  const call = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      console.error('VerifimeWidget callback failed', error);
    }
  };

  const poll = async () => {
    if (!polling || destroyed) return;
    if (timeout > 0 && Date.now() - pollStartedAt > timeout) {
      return fail({ code: 'POLLING_TIMEOUT', message: `Verification was not completed within ${Math.round(timeout / 1000)} seconds.` });
    }
    inFlight = new AbortController();
    let status: unknown;
    try {
      const response = await fetch(statusUrl, { headers: { Accept: 'application/json' }, signal: inFlight.signal, cache: 'no-store' });
      if (!polling || destroyed) return;
      if (!response.ok) {
        let detail = '';
        try {
          const body = (await response.json()) as { validationResults?: { message?: string }[] };
          detail = body.validationResults?.[0]?.message ?? '';
        } catch {
          // not JSON: the status code says enough
        }
        return fail({ code: 'API_ERROR', message: `Tracking status request failed with HTTP ${response.status}${detail ? `: ${detail}` : ''}` });
      }
      status = ((await response.json()) as { status?: unknown }).status;
    } catch (error) {
      if (!polling || destroyed) return;
      if (error instanceof SyntaxError) return fail({ code: 'INVALID_RESPONSE', message: 'The tracking status response is not JSON.' });
      return fail({ code: 'NETWORK_ERROR', message: `Could not reach VerifiMe: ${(error as Error).message}` });
    }
    if (!polling || destroyed) return;
    if (status === 'Completed') return complete();
    if (status === 'Active') waitingStep();
    else if (status !== 'Inactive') return fail({ code: 'INVALID_RESPONSE', message: `Unexpected tracking status ${JSON.stringify(status)}.` });
    pollTimer = setTimeout(poll, interval);
  };

  const startPolling = () => {
    if (polling || destroyed || succeeded) return;
    clearTimeout(autoTimer);
    polling = true;
    pollStartedAt = Date.now();
    void poll();
  };

  const complete = () => {
    stopPolling();
    if (succeeded) return;
    succeeded = true;
    show(
      el('div', { class: 'icon ok', 'aria-hidden': 'true' }, '✓'),
      el('h2', {}, 'Details submitted'),
      el('p', {}, 'Thank you. Your identity verification is being processed; you will hear back shortly.'),
    );
    call(() => options.onSuccess?.());
  };

  let waiting = false;
  const waitingStep = () => {
    if (waiting) return;
    waiting = true;
    const again = el('button', { type: 'button', class: 'btn secondary' }, 'Try again');
    again.addEventListener('click', () => startStep(false));
    show(el('div', { class: 'spinner', role: 'img', 'aria-label': 'Waiting' }), el('h2', {}, 'Waiting for you to finish'), el('p', {}, 'Complete your verification in the VerifiMe tab. This page updates by itself.'), again);
  };

  function startStep(pollNow: boolean) {
    stopPolling();
    waiting = false;
    const qr = el('img', { class: 'qr', src: qrUrl, alt: 'QR code that opens your VerifiMe verification on a phone', width: '180', height: '180' });
    const link = el('a', { class: 'btn', href: inviteUrl, target: '_blank', rel: 'noopener' }, 'Verify with VerifiMe');
    link.addEventListener('click', startPolling);
    const more = el('details');
    const emailId = `vmw-email-${Math.random().toString(36).slice(2, 8)}`;
    const input = el('input', { id: emailId, type: 'email', autocomplete: 'email' }) as HTMLInputElement;
    input.value = options.email ?? '';
    const send = el('button', { type: 'button', class: 'btn secondary' }, 'Email me the link');
    const note = el('p', { 'aria-live': 'polite' });
    send.addEventListener('click', () => {
      note.textContent = 'kyc-sim does not send emails: scan the QR code or use the button above.';
    });
    more.append(el('summary', {}, 'Continue on another device'), el('label', { for: emailId }, 'Email'), input, el('p'), send, note);
    show(el('h2', {}, 'Verify your identity'), el('p', {}, 'Scan the QR code with your phone, or continue on this device.'), qr, link, more);
    clearTimeout(autoTimer);
    if (pollNow) startPolling();
    else autoTimer = setTimeout(startPolling, options.autoStartMs ?? 60_000);
  }

  startStep(false);
  return {
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stopPolling();
      clearTimeout(autoTimer);
      mount.remove();
    },
  };
}
