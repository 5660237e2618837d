// The customer portal at inviteUrl: a wizard in VerifiMe's order (personal details,
// identity document, selfie/liveness, review with kyc-sim's outcome picker), and the
// confirmation shown once the reference is Completed. Works without JavaScript (all
// steps on one page); src/web/browser/portal-wizard.ts turns it into a step-by-step wizard.
import { html, nothing, page, when } from '../../web/html.js';
import type { Simulator } from '../../simulator.js';
import { chooseScenario } from './lifecycle.js';
import { DOCUMENT_TYPES, prefill } from './portal-form.js';
import { conventionScenario, referenceDataScenario, type VerifimeSession } from './session-data.js';
import { PROVIDER_ID } from './vocabulary.js';

const BRAND = { brand: 'VerifiMe', theme: 'verifime' } as const;

const field = (id: string, label: string, value: string, extra: { type?: string; required?: boolean; hint?: string; autocomplete?: string } = {}) =>
  html`<div><label for="${id}">${label}${extra.required ? html` <span aria-hidden="true">*</span>` : nothing}</label>
<input id="${id}" name="${id}" type="${extra.type ?? 'text'}" value="${value}" ${extra.required ? html`required` : nothing} autocomplete="${extra.autocomplete ?? 'off'}" maxlength="200"${when(extra.hint, () => html` aria-describedby="${id}-hint"`)}>${when(extra.hint, () => html`<span class="hint" id="${id}-hint">${extra.hint}</span>`)}</div>`;

const nav = (back: boolean, next: string) =>
  html`<div class="actions" data-nav hidden>${back ? html`<button type="button" class="btn btn-secondary" data-back>Back</button>` : html`<span></span>`}
<button type="button" class="btn btn-primary" data-next>${next}</button></div>`;

export function portalPage(sim: Simulator, session: VerifimeSession): string {
  const { invite } = session.data;
  const d = prefill(invite.customerContext);
  const auto = chooseScenario(sim, session).name;
  const defaultName = sim.provider(PROVIDER_ID).defaultScenario;
  const fallback = referenceDataScenario(invite.referenceData) ?? defaultName;
  const scenarios = sim.catalogue.list(PROVIDER_ID);
  return page(
    'Verify your identity',
    html`<div class="card">
<h1>Verify your identity</h1>
<p class="lead">VerifiMe checks who you are for the organisation that sent you here. It takes about three minutes; have an identity document ready.</p>
<ol class="stepper" aria-label="Progress"><li data-for="details" aria-current="step">Personal details</li><li data-for="document">Identity document</li><li data-for="selfie">Selfie</li><li data-for="review">Review</li></ol>
<form method="post" action="/sign-up/track-id/${session.id}" data-wizard data-ref="${session.id}">
<section data-step="details"><fieldset><legend>Personal details</legend>
<p class="muted small">${invite.customerContext ? 'We have filled in what was shared with us. Please check it and correct anything that is wrong.' : 'Enter your details as they appear on your identity document.'}</p>
<div class="row3">${field('firstName', 'First name', d.firstName, { required: true, autocomplete: 'given-name' })}${field('middleName', 'Middle name', d.middleName, { autocomplete: 'additional-name' })}${field('familyName', 'Family name', d.familyName, { required: true, autocomplete: 'family-name' })}</div>
<div class="row">${field('dateOfBirth', 'Date of birth', d.dateOfBirth, { type: 'date', required: true, autocomplete: 'bday' })}${field('preferredContactNumber', 'Mobile number', d.preferredContactNumber, { type: 'tel', autocomplete: 'tel', hint: 'e.g. +61 412 345 678' })}</div>
${field('address', 'Residential address', d.address, { autocomplete: 'street-address' })}
<div><label for="email">Email</label><input id="email" type="email" value="${invite.email}" readonly></div>
</fieldset>${nav(false, 'Continue')}</section>

<section data-step="document"><fieldset><legend>Identity document</legend>
<p class="muted small">Choose the document you will use. VerifiMe checks it against the issuing government database.</p>
<div role="radiogroup" aria-label="Document type">${DOCUMENT_TYPES.map((t, i) => html`<label class="choice"><input type="radio" name="documentType" value="${t.value}" ${i === 0 ? html`checked` : nothing}><span><strong>${t.label}</strong><span class="hint">${t.hint}</span></span></label>`)}</div>
<div class="row">${field('documentNumber', 'Document number', '', { required: true, autocomplete: 'off' })}<div><label for="document-photo">Photo of the document <span class="hint">optional; any image, it is not uploaded</span></label><input id="document-photo" type="file" accept="image/*" data-filename="documentFile"><input type="hidden" name="documentFile" value=""></div></div>
</fieldset>${nav(true, 'Continue')}</section>

<section data-step="selfie"><fieldset><legend>Selfie and liveness check</legend>
<p class="muted small">VerifiMe compares a short selfie with the photo on your document. In kyc-sim no camera is needed: the check is simulated.</p>
<div class="capture"><button type="button" class="btn btn-secondary" data-selfie>Take a simulated selfie</button>
<span data-selfie-status role="status">Not taken yet.</span></div>
<div><label for="selfie-photo">Or choose a photo <span class="hint">optional; it is not uploaded</span></label><input id="selfie-photo" type="file" accept="image/*" data-filename="selfie"></div>
<input type="hidden" name="selfie" value="">
</fieldset>${nav(true, 'Continue')}</section>

<section data-step="review"><fieldset><legend>Review and submit</legend>
<dl class="kv" data-review hidden>${['First name:firstName', 'Middle name:middleName', 'Family name:familyName', 'Date of birth:dateOfBirth', 'Mobile number:preferredContactNumber', 'Address:address', 'Document:documentType', 'Document number:documentNumber', 'Selfie:selfie'].map((pair) => {
      const [label, name] = pair.split(':');
      return html`<dt>${label}</dt><dd data-review-field="${name}">—</dd>`;
    })}</dl>
<div class="sim"><span class="sim-tag">kyc-sim</span>
<label for="scenario">Outcome of this verification</label>
<select id="scenario" name="scenario" data-fallback="${fallback}" aria-describedby="scenario-help">${scenarios.map((s) => html`<option value="${s.name}"${s.name === auto ? html` selected` : nothing}>${s.name}${s.name === defaultName ? ' (default)' : ''} — ${s.description}</option>`)}</select>
<input type="hidden" name="scenarioAuto" value="${auto}">
<p id="scenario-help" class="hint">Left as it is, VerifiMe's staging convention applies: a middle name containing “pep” and/or “sanction” selects those outcomes${when(referenceDataScenario(invite.referenceData), () => html`, and referenceData names <code>${fallback}</code>`)}.</p>
</div>
<label class="choice"><input type="checkbox" name="consent" value="yes" required><span>I confirm these details are true and correct, and I consent to VerifiMe checking them with the issuing authorities.</span></label>
</fieldset>
<div class="actions"><button type="button" class="btn btn-secondary" data-back hidden>Back</button><button type="submit" class="btn btn-primary">Submit my details</button></div></section>
</form></div>
<p class="muted small">Reference <code>${session.id}</code>${when(conventionScenario(invite.customerContext), () => html` · pre-filled middle name matches the staging convention`)}</p>`,
    { ...BRAND, modules: ['portal-wizard'] },
  );
}

export function confirmationPage(sim: Simulator, session: VerifimeSession): string {
  const org = sim.config.verifime.orgCodes.find((o) => o.code.toUpperCase() === session.scope);
  const returnUrl = session.data.invite.customerContext?.callbackUrl || org?.returnUrl || null;
  const name = session.data.invite.customerContext?.firstName;
  const pending = session.timeline.filter((e) => e.state === 'scheduled');
  const due = pending.length > 0 ? Math.max(...pending.map((e) => e.dueAt)) : null;
  const sent = session.timeline.map((e) => e.firedAt ?? 0).reduce((a, b) => Math.max(a, b), 0);
  const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
  const minutes = due === null ? 0 : Math.max(1, Math.round((due - sim.clock.now()) / 60_000));
  return page(
    'Thank you',
    html`<div class="card">
<div class="check" aria-hidden="true"><svg width="30" height="30" viewBox="0 0 24 24"><path d="M5 12.5l4.2 4.2L19 7" stroke="#0b5d33" stroke-width="2.8" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg></div>
<h1>Thank you${name ? `, ${name}` : ''} — your details were submitted</h1>
<p class="lead">VerifiMe is now verifying your identity. The result is sent to the organisation that invited you${due === null ? '' : ` in about ${minutes} minute${minutes === 1 ? '' : 's'}`}; you do not need to keep this page open.</p>
<dl class="kv"><dt>Reference</dt><dd><code>${session.id}</code></dd><dt>Submitted</dt><dd>${session.completedAt ? iso(session.completedAt) : '—'}</dd></dl>
${when(returnUrl, () => html`<p style="margin-top:22px"><a class="btn btn-primary" href="${returnUrl}">Return to ${companyName(returnUrl!, org?.code)}</a></p>`)}
<div class="sim"><span class="sim-tag">kyc-sim</span>
${due !== null
      ? html`<p>The verdict (<code>RISK_ASSESSMENT_UPDATED</code>) is due at <strong><time datetime="${new Date(due).toISOString()}">${iso(due)}</time></strong> on the simulator's ${sim.clock.mode} clock (now ${iso(sim.clock.now())}).</p>
${when(sim.clock.mode === 'manual', () => html`<p class="small">The clock is manual: time moves only when it is advanced (inspector, or <code>POST /__admin/clock/advance</code>).</p>`)}`
      : html`<p>The verdict was sent at <strong>${sent ? iso(sent) : '—'}</strong> on the simulator's clock.</p>`}
<p class="small">Scenario <code>${session.scenario ?? '—'}</code> (${session.scenarioSource ?? '—'}) · <a href="/__admin/ui#/sessions/${session.id}">follow it in the inspector</a></p>
</div></div>`,
    BRAND,
  );
}

/** The company behind the return URL: its host name for web URLs, else the organisation code. */
function companyName(url: string, code: string | undefined): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.hostname.replace(/^www\./, '');
  } catch {
    // not a URL we can read: fall back to the code
  }
  return code ?? 'the company';
}
