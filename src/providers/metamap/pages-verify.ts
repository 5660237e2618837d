// The verification page a MetaMap verification links to ({PUBLIC_URL}/verify/{identity},
// kyc-sim's stand-in for MetaMap's hosted web flow): simulated document and selfie capture,
// the outcome picker, and the screens after submission or expiry. The capture itself is
// src/web/browser/metamap-capture.ts; it sends the inputs as send-input does.
import { html, nothing, page, when } from '../../web/html.js';
import type { Simulator } from '../../simulator.js';
import type { Flow } from './flows.js';
import { dashboardUrl } from './resource.js';
import type { MetamapSession } from './session-data.js';
import { PROVIDER_ID, TWO_SIDED } from './vocabulary.js';

const BRAND = { brand: 'MetaMap', theme: 'metamap' } as const;

export const DOCUMENT_LABELS: Record<string, string> = {
  'national-id': 'National ID',
  passport: 'Passport',
  'driving-license': "Driver's license",
  'proof-of-residency': 'Proof of residency',
};
const COUNTRIES = [
  ['MX', 'Mexico'], ['AR', 'Argentina'], ['BR', 'Brazil'], ['CL', 'Chile'], ['CO', 'Colombia'], ['PE', 'Peru'],
  ['US', 'United States'], ['ES', 'Spain'], ['GB', 'United Kingdom'], ['AU', 'Australia'],
] as const;

export function verificationUrl(sim: Simulator, identityId: string): string {
  return `${sim.publicUrl}/verify/${identityId}`;
}

function documentSection(flow: Flow, group: number) {
  const doc = flow.documents[group];
  const id = (name: string) => `g${group}-${name}`;
  return html`<section class="card" data-group="${group}"><fieldset><legend>${flow.documents.length > 1 ? `Document ${group + 1}` : 'Your identity document'}</legend>
<p class="muted small">Choose the document type and its issuing country, then take a photo of it.</p>
<div role="radiogroup" aria-label="Document type">${doc.types.map((type, i) => html`<label class="choice"><input type="radio" name="${id('type')}" value="${type}" data-two-sided="${TWO_SIDED.includes(type) ? 'yes' : 'no'}" ${i === 0 ? html`checked` : nothing}><span><strong>${DOCUMENT_LABELS[type] ?? type}</strong>${when(TWO_SIDED.includes(type), () => html`<span class="hint">front and back</span>`)}</span></label>`)}</div>
<label for="${id('country')}">Issuing country</label>
<select id="${id('country')}" name="${id('country')}">${COUNTRIES.map(([code, name]) => html`<option value="${code}">${name}</option>`)}</select>
${['front', 'back'].map((side) => html`<div class="capture-side" data-side="${side}"><h3>${side === 'front' ? 'Front side' : 'Back side'}</h3>
<div class="capture"><button type="button" class="btn btn-secondary" data-capture="${side}">Take photo of the ${side}</button>
<span><label for="${id(`${side}-file`)}" class="small" style="margin:0">or upload a JPG/PNG</label><input id="${id(`${side}-file`)}" type="file" accept="image/jpeg,image/png" data-upload="${side}"></span>
<span role="status" data-status="${side}" class="small">No photo yet.</span><span class="break" aria-hidden="true"></span><canvas width="320" height="200" hidden data-preview="${side}" aria-label="Photo of the ${side} side"></canvas></div></div>`)}
</fieldset></section>`;
}

function biometricSection(flow: Flow) {
  if (flow.biometric === 'none') return nothing;
  const video = flow.biometric === 'selfie-video';
  return html`<section class="card" data-biometric="${flow.biometric}"><fieldset><legend>${video ? 'Selfie video' : 'Selfie'}</legend>
<p class="muted small">${video ? 'Look at the camera and turn your head slowly. ' : ''}In kyc-sim no camera is needed: the capture is simulated.</p>
<div class="capture"><button type="button" class="btn btn-secondary" data-capture="selfie">${video ? 'Record selfie video' : 'Take selfie'}</button>
<span><label for="selfie-file" class="small" style="margin:0">or upload ${video ? 'an MP4/WebM video' : 'a JPG/PNG photo'}</label><input id="selfie-file" type="file" accept="${video ? 'video/*' : 'image/jpeg,image/png'}" data-upload="selfie"></span>
<span role="status" data-status="selfie" class="small">Not captured yet.</span><span class="break" aria-hidden="true"></span><canvas width="200" height="200" hidden data-preview="selfie" aria-label="Selfie preview"></canvas></div>
</fieldset></section>`;
}

export function capturePage(sim: Simulator, session: MetamapSession, flow: Flow): string {
  const scenarios = sim.catalogue.list(PROVIDER_ID);
  const auto = session.scenario ?? sim.provider(PROVIDER_ID).defaultScenario;
  const defaultName = sim.provider(PROVIDER_ID).defaultScenario;
  return page(
    'Verify your identity',
    html`<div class="card"><h1>Verify your identity</h1>
<p class="lead">${flow.name}: ${flow.documents.length === 1 ? 'one document' : `${flow.documents.length} documents`}${flow.biometric === 'none' ? '' : ' and a selfie'}. It takes about two minutes.</p>
<noscript><p class="notice error">This page needs JavaScript to capture the photos. Send the inputs with <code>POST /v2/identities/{identity}/send-input</code> instead.</p></noscript></div>
<form id="capture-form" data-identity="${session.data.identityId}" data-biometric="${flow.biometric}" data-groups="${flow.documents.length}">
${flow.documents.map((_doc, group) => documentSection(flow, group))}
${biometricSection(flow)}
<div class="card"><div class="sim" style="margin-top:6px"><span class="sim-tag">kyc-sim</span>
<label for="scenario">Outcome of this verification</label>
<select id="scenario" name="scenario">${scenarios.map((s) => html`<option value="${s.name}"${s.name === auto ? html` selected` : nothing}>${s.name}${s.name === defaultName ? ' (default)' : ''} — ${s.description}</option>`)}</select>
<input type="hidden" name="scenarioAuto" value="${auto}">
<p class="hint">Pre-selected: the scenario chosen when the verification was created (${session.scenarioSource ?? 'default'}${session.scenarioSource === 'metadata' ? ': metadata.scenario' : ''}).</p></div>
<div class="actions"><span role="status" id="submit-status" class="small"></span><button type="submit" class="btn btn-primary">Send for verification</button></div>
<div id="submit-errors" role="alert"></div></div>
</form>`,
    { ...BRAND, modules: ['metamap-capture'] },
  );
}

export function afterPage(sim: Simulator, session: MetamapSession): string {
  const d = session.data;
  const expired = d.expired;
  return page(
    expired ? 'Link expired' : 'Thank you',
    html`<div class="card">
${expired
      ? html`<h1>This verification link has expired</h1><p class="lead">The documents were not sent in time. Ask the company for a new link.</p>`
      : html`<div class="check" aria-hidden="true"><svg width="30" height="30" viewBox="0 0 24 24"><path d="M5 12.5l4.2 4.2L19 7" stroke="#0b5d33" stroke-width="2.8" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg></div>
<h1>Thank you — your documents were sent</h1><p class="lead">We are verifying your identity. The company that asked for it will receive the result; you can close this page.</p>`}
<div class="sim"><span class="sim-tag">kyc-sim</span><p class="small">Status <strong>${d.identityStatus}</strong> · scenario <code>${session.scenario ?? '—'}</code> · phase ${session.phase}</p>
<p class="small"><a href="${dashboardUrl(sim, d.identityId)}">Open the dashboard</a> · <a href="/__admin/ui#/sessions/${session.id}">follow it in the inspector</a></p></div></div>`,
    BRAND,
  );
}
