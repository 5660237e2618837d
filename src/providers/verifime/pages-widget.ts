// The VerifiMe-compatible widget script, served like VerifiMe's CDN builds (UMD global
// `VerifimeWidget` and an ESM default export) with the images it loads (/assets/*.svg,
// widget-assets.ts), and a demo page that creates an invite from
// the browser and embeds the widget: the whole Phase 1 → Phase 2 loop in one place.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { browserModule } from '../../web/browser-assets.js';
import { html, page } from '../../web/html.js';
import type { Simulator } from '../../simulator.js';
import { PROVIDER_ID } from './vocabulary.js';
import { widgetAssetRoutes } from './widget-assets.js';

export const WIDGET_UMD_PATH = '/widgets/verifime-widget.min.js';
export const WIDGET_ESM_PATH = '/widgets/verifime-widget.esm.min.js';

export async function widgetScript(kind: 'umd' | 'esm', publicUrl: string): Promise<string> {
  const core = await browserModule('verifime-widget');
  if (core === undefined) throw new Error('the widget source is missing');
  const banner = `/*! VerifiMe-compatible widget, simulated by kyc-sim. V1 DOM and behaviour. API: VerifimeWidget(selector, trackingReference, { onSuccess, onError, email, cspNonce, pollIntervalMs, autoStartMs, timeoutMs, baseUrl }) -> { destroy() } */\n`;
  const base = `const KYC_SIM_BASE = ${JSON.stringify(publicUrl)};\n`;
  if (kind === 'esm') return `${banner}${base}${core}export default VerifimeWidget;\nexport { VerifimeWidget };\n`;
  return `${banner}(function (root, factory) {
  var widget = factory();
  if (typeof module === 'object' && module.exports) module.exports = widget;
  else if (typeof define === 'function' && define.amd) define(function () { return widget; });
  else root.VerifimeWidget = widget;
})(typeof self !== 'undefined' ? self : this, function () {
'use strict';
${base}${core}return VerifimeWidget;
});\n`;
}

export function verifimeWidgetPages(sim: Simulator): FastifyPluginAsync {
  return async (app) => {
    const serve = (kind: 'umd' | 'esm') => async (_request: unknown, reply: FastifyReply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('Access-Control-Allow-Origin', '*')
        .header('Cache-Control', 'no-cache')
        .send(await widgetScript(kind, sim.publicUrl));
    app.get(WIDGET_UMD_PATH, { schema: { hide: true } }, serve('umd'));
    app.get(WIDGET_ESM_PATH, { schema: { hide: true } }, serve('esm'));
    await app.register(widgetAssetRoutes());

    app.get('/widget-demo', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html').send(demoPage(sim)));
  };
}

function demoPage(sim: Simulator): string {
  const codes = sim.config.verifime.orgCodes.filter((c) => c.status === 'Active');
  const scenarios = sim.catalogue.list(PROVIDER_ID);
  const defaultScenario = sim.provider(PROVIDER_ID).defaultScenario;
  return page(
    'Widget demo',
    html`<div class="card">
<h1>VerifiMe widget demo</h1>
<p class="lead">Your backend would call <code>POST /v1/user/invite</code> and your page would embed the widget. This page does both,
so you can try Phase 1 (the customer portal) and Phase 2 (the signed webhook) in one place.</p>
<form id="demo-form" novalidate>
<div class="row">
<div><label for="email">Customer email</label><input id="email" name="email" type="email" required value="jane.citizen@example.com" autocomplete="off"></div>
<div><label for="code">Organisation code</label><select id="code" name="code">${codes.map((c) => html`<option value="${c.code}">${c.code} (${c.workflow})</option>`)}</select></div>
</div>
<div class="row3">
<div><label for="firstName">First name</label><input id="firstName" name="firstName" value="Jane"></div>
<div><label for="middleName">Middle name</label><input id="middleName" name="middleName" aria-describedby="middleName-hint"><span class="hint" id="middleName-hint">“pep” / “sanction” select those outcomes</span></div>
<div><label for="familyName">Family name</label><input id="familyName" name="familyName" value="Citizen"></div>
</div>
<div class="row">
<div><label for="referenceData">referenceData</label><input id="referenceData" name="referenceData" value="demo-application-1" aria-describedby="referenceData-hint"><span class="hint" id="referenceData-hint">echoed as <code>metadata</code> in the webhook</span></div>
<div><label for="scenario">Outcome</label><select id="scenario" name="scenario" aria-describedby="scenario-hint"><option value="">Decided in the portal (default: ${defaultScenario})</option>${scenarios.map((s) => html`<option value="${s.name}">${s.name} — ${s.description}</option>`)}</select><span class="hint" id="scenario-hint">adds <code>scenario=…</code> to referenceData</span></div>
</div>
<div class="actions"><span class="muted small" id="demo-status" role="status"></span><button class="btn btn-primary" type="submit">Create invite and show the widget</button></div>
</form></div>
<div class="card" id="demo-widget-card" hidden>
<h2 style="margin-top:0">The widget</h2>
<p class="muted small" id="demo-ref"></p>
<div id="verifime-widget"></div>
</div>
<div class="card" id="demo-phase2" hidden aria-live="polite"></div>`,
    { brand: 'kyc-sim · VerifiMe widget demo', theme: 'verifime', scripts: [WIDGET_UMD_PATH], modules: ['widget-demo'] },
  );
}
