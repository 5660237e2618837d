// The VerifiMe-compatible widget (reference/verifime-api.md §9): the real V1 widget's DOM,
// texts and behaviour, with V2's call shape. `VerifimeWidget(selector, trackingReference,
// { onSuccess, onError, email })` replaces the container's contents with V1's steps:
// start (QR code and the "Verify with VerifiMe" link to inviteUrl), waiting (spinner and
// TRY AGAIN), verified and error. It polls the tracking status every second from the
// button click (or after 60 s), calls onSuccess() on Completed, and onError({ code,
// message }) only when the fetch rejects or the answer is not JSON (a JSON error answer or
// an unknown status just keeps polling, as V1 does). The markup and CSS class names are
// V1's (typos included: "verticial", "wideget", "spiner"); the CSS and images are kyc-sim's.
// This file has no imports or exports: it is wrapped into the UMD and ESM builds by
// src/providers/verifime/pages-widget.ts, which declares KYC_SIM_BASE (PUBLIC_URL).
declare const KYC_SIM_BASE: string;

interface VerifimeWidgetError {
  code: 'NETWORK_ERROR' | 'INVALID_RESPONSE' | 'POLLING_TIMEOUT';
  message: string;
}

interface VerifimeWidgetOptions {
  onSuccess?: () => void;
  onError?: (error: VerifimeWidgetError) => void;
  /** V2: pre-fills the email field of V2's form. V1 has no form: accepted, no effect. */
  email?: string;
  /** V2: nonce of the widget's injected <style>, for a `style-src 'nonce-…'` CSP. */
  cspNonce?: string;
  /** V2 font loading; kyc-sim uses system fonts, so both values behave the same. */
  assetMode?: 'data' | 'url';
  /** kyc-sim: polling interval (default 1000 ms, as V1). */
  pollIntervalMs?: number;
  /** kyc-sim: polling starts on the button click or after this long (default 60 000 ms, as V1). */
  autoStartMs?: number;
  /** kyc-sim: onError POLLING_TIMEOUT after polling this long (default 0 = never, as V1). */
  timeoutMs?: number;
  /** kyc-sim: base URL of the simulator, when not the PUBLIC_URL it serves this script with. */
  baseUrl?: string;
}

interface VerifimeWidgetInstance {
  destroy(): void;
}

const VW_STYLE_ID = 'verifime-widget-style';

// kyc-sim's own stylesheet for V1's class names (theme colour #5f48fb).
const VW_CSS = `
.verifime-widget-wrapper,.verifime-widget-wrapper *{box-sizing:border-box}
.verifime-widget-wrapper{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d1d28;background:#fff;border:1px solid #5f48fb;max-width:358px;padding:12px;gap:28px}
.verifime-widget-verticial-center,.verifime-widget-horizontal-center{display:flex;align-items:center;justify-content:center}
.verifime-widget-verticial-center{flex-direction:column}
.verifime-widget-radius{border-radius:4px}
.verifime-widget-fullwidth{width:100%}
.verifime-widget-gap-small{gap:4px}
.verifime-widget-gap-large{gap:16px}
.verifime-widget-no-border{border:0}
.verifime-widget-body{width:128px;height:128px}
.verifime-widget-body>img{max-width:100%;max-height:100%}
.verifime-widget-text-caption{font-size:14px;font-weight:700;text-align:center}
.verifime-widget-text-center{text-align:center}
.verifime-widget-text-bottom{align-items:flex-end}
.verifime-widget-text-bold{font-size:16px;font-weight:500}
.verifime-widget-color-secondary{color:#5c5c66;font-size:13px}
.verifime-widget-color-error{color:#b3261e}
.verifime-widget-color-verified{color:#2e7d32}
.verifime-widget-button-main{background:#5f48fb;color:#fff;padding:8px 24px;text-decoration:none;cursor:pointer;box-shadow:0 1px 4px rgba(0,0,0,.18)}
.verifime-widget-button-main:hover{background:#4c36e0}
.verifime-widget-button-secondary{font:inherit;font-weight:600;background:#fff;color:#5f48fb;border:1px solid currentColor;border-radius:4px;padding:8px 16px;cursor:pointer}
.verifime-widget-button-main:focus-visible,.verifime-widget-button-secondary:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.verifime-widget-spiner{width:32px;height:32px;border:4px solid #ececf3;border-top-color:#5f48fb;border-radius:50%;animation:verifime-widget-spin 1.2s linear infinite}
@keyframes verifime-widget-spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.verifime-widget-spiner{animation-duration:4s}}
`;

/** The instance mounted in each container, so a second call replaces the first one cleanly. */
const vwMounted = new WeakMap<Element, VerifimeWidgetInstance>();

function vwEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** V1's global stylesheet, injected into <head> once (with the V2 nonce when given). */
function vwInjectStyle(nonce: string | undefined): void {
  if (document.getElementById(VW_STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = VW_STYLE_ID;
  if (nonce) style.nonce = nonce;
  style.textContent = VW_CSS;
  (document.head ?? document.documentElement).appendChild(style);
}

/** V1's frame around every step: caption, body, then the step's action and the credit line. */
function vwStep(body: string, action: string): string {
  return `<div id="step-wrapper" class="verifime-widget-wrapper verifime-widget-verticial-center verifime-widget-radius">
    <span class="verifime-widget-text-caption">Begin verification by clicking the button or scanning the code shown below</span>
    <div class="verifime-widget-body verifime-widget-verticial-center">${body}</div>
    <div class="verifime-widget-verticial-center verifime-widget-fullwidth verifime-widget-gap-small">
      ${action}
      <a class="verifime-widget-color-secondary verifime-widget-text-center">Provided by VerifiMe | www.verifime.com</a>
    </div>
  </div>`;
}

function VerifimeWidget(selector: string | Element, trackingReference: string, options: VerifimeWidgetOptions = {}): VerifimeWidgetInstance | undefined {
  if (!trackingReference) {
    console.error('Please provide an tracking reference');
    return undefined;
  }
  options = options ?? {};
  let container: Element | null = null;
  try {
    container = typeof selector === 'string' ? document.querySelector(selector) : selector instanceof Element ? selector : null;
  } catch {
    // an invalid selector finds nothing, as far as the caller is told
  }
  if (!container) {
    console.error('Could not find the element by selector:', selector);
    return { destroy() {} };
  }
  const host: Element = container;
  console.log('Welcome to use Verifyme Widget');
  vwMounted.get(host)?.destroy();
  vwInjectStyle(options.cspNonce);

  const base = (options.baseUrl ?? KYC_SIM_BASE).replace(/\/+$/, '');
  const assets = `${base}/assets`;
  const ref = encodeURIComponent(trackingReference);
  const inviteUrl = `${base}/sign-up/track-id/${ref}`;
  const qrCodeUrl = `${base}/qr?url=${encodeURIComponent(inviteUrl)}`;
  const statusUrl = `${base}/v1/user/signup/tracking/${ref}/status`;
  const interval = Math.max(10, Number(options.pollIntervalMs ?? 1000));
  const autoStart = Math.max(0, Number(options.autoStartMs ?? 60_000));
  const timeout = Math.max(0, Number(options.timeoutMs ?? 0));

  let destroyed = false;
  /** Bumped whenever polling stops or the step changes: late answers of older polls are dropped. */
  let generation = 0;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let autoTimer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let pollingSince = 0;

  const call = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      console.error(error);
    }
  };

  const stopPolling = () => {
    generation++;
    clearTimeout(pollTimer);
    clearTimeout(autoTimer);
    pollTimer = autoTimer = undefined;
    inFlight?.abort();
    inFlight = undefined;
  };

  const render = (html: string) => {
    stopPolling();
    if (!destroyed) host.innerHTML = html;
  };

  /** Polls every `interval` (the first poll one interval from now, as V1's setInterval). */
  const startPolling = (onStatus: (status: unknown) => void) => {
    stopPolling();
    if (destroyed) return;
    if (pollingSince === 0) pollingSince = Date.now();
    const mine = generation;
    const tick = async () => {
      if (mine !== generation || destroyed) return;
      if (timeout > 0 && Date.now() - pollingSince >= timeout) {
        return fail({ code: 'POLLING_TIMEOUT', message: `Verification was not completed within ${Math.round(timeout / 1000)} seconds.` });
      }
      const controller = new AbortController();
      inFlight = controller;
      let response: Response;
      try {
        response = await fetch(statusUrl, { method: 'GET', headers: { 'Content-Type': 'application/json' }, signal: controller.signal, cache: 'no-store' });
      } catch (error) {
        if (mine !== generation || destroyed) return;
        console.error(error);
        return fail({ code: 'NETWORK_ERROR', message: `Could not reach VerifiMe: ${(error as Error)?.message ?? String(error)}` });
      }
      let body: unknown;
      try {
        body = await response.json();
        if (body === null || body === undefined) throw new TypeError('the tracking status answer is null');
      } catch (error) {
        if (mine !== generation || destroyed) return;
        console.error(error);
        return fail({ code: 'INVALID_RESPONSE', message: `The tracking status answer (HTTP ${response.status}) is not a JSON object.` });
      }
      if (mine !== generation || destroyed) return;
      inFlight = undefined;
      // A JSON error answer has no status, and an unknown status is not acted on: keep polling.
      pollTimer = setTimeout(tick, interval);
      onStatus((body as { status?: unknown }).status);
    };
    pollTimer = setTimeout(tick, interval);
  };

  const verifiedStep = () => {
    render(
      vwStep(
        `<img src="${vwEscape(assets)}/verified.svg" alt="" />`,
        '<span class="verifime-widget-text-bold verifime-widget-color-verified verifime-widget-text-center">Successfully submitted for verification with VerifiMe</span>',
      ),
    );
  };

  const errorStep = () => {
    render(vwStep(`<img src="${vwEscape(assets)}/error.svg" alt="" />`, '<span class="verifime-widget-text-bold verifime-widget-color-error">Something went wrong</span>'));
  };

  const completed = () => {
    stopPolling();
    call(() => options.onSuccess?.());
    if (!destroyed) verifiedStep();
  };

  function fail(error: VerifimeWidgetError) {
    stopPolling();
    call(() => options.onError?.(error));
    if (!destroyed) errorStep();
  }

  const waitingStep = () => {
    render(
      vwStep(
        `
    <div class="verifime-widget-verticial-center verifime-widget-gap-large">
      <div class="verifime-widget-spiner" role="progressbar" aria-label="Verifying"></div>
      <button id="verifime-widget-try-again-button" class="verifime-widget-button-secondary">TRY AGAIN</button>
    </div>`,
        '<div class="verifime-widget-text-bold">Verifying with VerifiMe</div>',
      ),
    );
    host.querySelector('#verifime-widget-try-again-button')?.addEventListener('click', () => {
      pollingSince = 0;
      startStep();
    });
    startPolling((status) => {
      if (status === 'Completed') completed();
    });
  };

  const startStep = () => {
    render(
      vwStep(
        `<img src="${vwEscape(qrCodeUrl)}" width="100%" height="100%" alt="QR code: scan it to verify with VerifiMe on your phone" />`,
        `
      <a id="verifime-wideget-start-button" class="verifime-widget-button-main verifime-widget-horizontal-center verifime-widget-gap-small verifime-widget-radius verifime-widget-fullwidth verifime-widget-no-border verifime-widget-text-bottom" href="${vwEscape(inviteUrl)}" target="_blank">
          <span>Verify with</span>
          <img src="${vwEscape(assets)}/logo.svg" height="25" width="auto" alt="VerifiMe" />
      </a>`,
      ),
    );
    const onStatus = (status: unknown) => {
      if (status === 'Active') waitingStep();
      else if (status === 'Completed') completed();
    };
    host.querySelector('#verifime-wideget-start-button')?.addEventListener('click', () => startPolling(onStatus));
    autoTimer = setTimeout(() => startPolling(onStatus), autoStart);
  };

  const instance: VerifimeWidgetInstance = {
    destroy() {
      if (destroyed) return;
      stopPolling();
      destroyed = true;
      if (vwMounted.get(host) === instance) {
        vwMounted.delete(host);
        host.innerHTML = '';
      }
    },
  };
  vwMounted.set(host, instance);
  startStep();
  return instance;
}
