// The dashboard page matiDashboardUrl points at ({PUBLIC_URL}/identities/{identityId}, like
// dashboard.getmati.com/identities/{id}): status, documents with photos, fields and steps
// with their errors, biometrics, the webhooks sent, and the status control.
import { html, nothing, page, when, type Raw } from '../../web/html.js';
import type { Simulator } from '../../simulator.js';
import type { Flow } from './flows.js';
import { DOCUMENT_LABELS, verificationUrl } from './pages-verify.js';
import type { MetamapSession, StepState } from './session-data.js';
import { FINAL_STATUSES } from './vocabulary.js';

const CSS = `@media (max-width:900px){.dash-grid{grid-template-columns:1fr!important}}
.doc-photo{display:inline-block;overflow:hidden;width:170px;height:110px;object-fit:cover;border-radius:8px;border:1px solid #d5dce4;background:#eef1f6;font-size:.8rem;color:#52606d}
td:first-child{white-space:nowrap}`;

const STATUS_LABELS: Record<string, string> = {
  verified: 'Verified',
  reviewNeeded: 'Review needed',
  rejected: 'Rejected',
  running: 'Running',
  pending: 'Pending',
  deleted: 'Deleted',
};
const STATUS_TONE: Record<string, string> = { verified: 'ok', reviewNeeded: 'warn', rejected: 'err', running: 'info', pending: '' };
const humanize = (id: string) => id.replace(/-/g, ' ').replace(/^ip\b/, 'IP').replace(/^\w/, (c) => c.toUpperCase());
const stepOf = (body: string): string | null => {
  const step = (JSON.parse(body) as { step?: { id?: string } }).step;
  return step?.id ? humanize(step.id) : null;
};
const statusBadge = (status: string) => html`<span class="badge ${STATUS_TONE[status] ?? ''}">${STATUS_LABELS[status] ?? status}</span>`;

function stepTable(steps: readonly StepState[], caption: string): Raw {
  if (steps.length === 0) return nothing;
  return html`<table><caption class="visually-hidden">${caption}</caption><thead><tr><th scope="col">Check</th><th scope="col">Result</th><th scope="col">Details</th></tr></thead><tbody>${steps.map(
    (s) => html`<tr data-step="${s.id}"><td>${humanize(s.id)}</td><td>${s.status !== 200 ? html`<span class="badge">pending</span>` : s.error ? html`<span class="badge err">failed</span>` : html`<span class="badge ok">passed</span>`}</td>
<td>${s.error ? html`<code>${s.error.code}</code> ${s.error.message}${s.error.reasonCode ? html` <span class="muted small">(${s.error.reasonCode})</span>` : nothing}` : html`<span class="muted">—</span>`}</td></tr>`,
  )}</tbody></table>`;
}

function documents(session: MetamapSession): Raw {
  const d = session.data;
  if (d.documents.length === 0) return html`<div class="card"><h2 style="margin-top:0">Documents</h2><p class="muted">No document received yet.</p></div>`;
  return html`${d.documents.map((doc) => {
    const fields = Object.entries(doc.fields ?? {});
    return html`<div class="card" data-document="${doc.group}"><h2 style="margin-top:0">${DOCUMENT_LABELS[doc.type ?? ''] ?? doc.type ?? 'Document'} <span class="muted small">${doc.country ?? ''}</span></h2>
<div style="display:flex;gap:10px;flex-wrap:wrap">${doc.photos.map((token, i) => html`<a href="/identities/${d.identityId}/media/${token}"><img src="/identities/${d.identityId}/media/${token}" alt="Document photo ${i + 1} (${doc.pages[i] ?? 'page'})" class="doc-photo"></a>`)}</div>
${fields.length > 0 ? html`<h3>Extracted data</h3><dl class="kv small">${fields.map(([, f]) => html`<dt>${f.label}</dt><dd>${f.value ?? '—'}</dd>`)}</dl>` : nothing}
<h3>Checks</h3>${stepTable(doc.steps, 'Document checks')}</div>`;
  })}`;
}

function statusControl(session: MetamapSession, query: { error?: string; changed?: string }): Raw {
  const d = session.data;
  const canChange = d.automaticStatus !== null && !d.deleted;
  return html`<div class="card"><h2 style="margin-top:0">Status</h2>
<p style="font-size:1.2rem">${statusBadge(d.identityStatus)}</p>
<dl class="kv small"><dt>Automatic status</dt><dd>${d.automaticStatus ? statusBadge(d.automaticStatus) : '—'}</dd></dl>
${when(query.changed, () => html`<p class="notice" role="status">Status changed to ${STATUS_LABELS[query.changed!] ?? query.changed}; <code>verification_updated</code> was sent.</p>`)}
${when(query.error, () => html`<p class="notice error" role="alert">${query.error}</p>`)}
<form method="post" action="/identities/${d.identityId}/status" style="margin-top:16px"><fieldset ${canChange ? nothing : html`disabled`}><legend class="label" style="font-size:1rem">Change status</legend>
${FINAL_STATUSES.map((s) => html`<label class="choice" style="padding:8px 12px"><input type="radio" name="status" value="${s}" ${s === d.identityStatus ? html`checked` : nothing}><span>${STATUS_LABELS[s]}</span></label>`)}
<button type="submit" class="btn btn-primary" style="margin-top:8px">Save status</button></fieldset>
${canChange ? nothing : html`<p class="muted small">The status can be changed once the verification has a verdict.</p>`}</form></div>`;
}

function sidebar(sim: Simulator, session: MetamapSession): Raw {
  const d = session.data;
  const events = sim.ledger.events(session.id);
  return html`<div class="card"><h2 style="margin-top:0">Inputs</h2><ul class="small" style="padding-left:18px;margin:0">${d.inputs.map((i) => html`<li>${humanize(i.id)}${i.group === undefined ? '' : ` ${i.group + 1}`}: ${i.status === 200 ? html`<span class="ok-text">received</span>` : html`<span class="muted">waiting</span>`}</li>`)}</ul>
${Object.entries(d.uploads).map(([type, token]) => html`<p class="small"><a href="/identities/${d.identityId}/media/${token}">${humanize(type)} file</a></p>`)}</div>
<div class="card"><h2 style="margin-top:0">Webhooks sent</h2>${events.length === 0 ? html`<p class="muted small">None yet.</p>` : html`<ol class="small" style="padding-left:18px;margin:0">${events.map((e) => html`<li><code>${e.eventName}</code>${when(stepOf(e.body), () => html` ${stepOf(e.body)}`)} <span class="muted">${e.createdAt.slice(11, 19)}</span></li>`)}</ol>`}
<p class="small" style="margin-top:10px"><a href="/__admin/ui#/sessions/${session.id}">Deliveries in the kyc-sim inspector</a></p></div>`;
}

export function dashboardPage(sim: Simulator, session: MetamapSession, flow: Flow, query: { error?: string; changed?: string }): string {
  const d = session.data;
  const metadata = Object.entries(d.metadata ?? {});
  return page(
    `Verification ${d.verificationId}`,
    html`<div class="card"><div style="display:flex;gap:12px;align-items:center;flex-wrap:wrap"><h1 style="margin:0">${d.person ? `${d.person.firstName} ${d.person.surname}` : 'Verification'}</h1>${statusBadge(d.identityStatus)}${d.expired ? html`<span class="badge err">expired</span>` : nothing}</div>
<dl class="kv small" style="margin-top:12px"><dt>Identity</dt><dd><code>${d.identityId}</code></dd><dt>Verification</dt><dd><code>${d.verificationId}</code></dd>
<dt>Flow</dt><dd>${flow.name} <span class="muted">(${flow.id})</span></dd><dt>Created</dt><dd>${new Date(session.createdAt).toISOString().replace('T', ' ').slice(0, 19)} UTC</dd>
${metadata.map(([k, v]) => html`<dt>metadata.${k}</dt><dd>${String(v)}</dd>`)}
<dt>Customer link</dt><dd><a href="${verificationUrl(sim, d.identityId)}">${verificationUrl(sim, d.identityId)}</a></dd></dl></div>
<div style="display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:20px;align-items:start" class="dash-grid">
<div>${documents(session)}${d.steps.length > 0 ? html`<div class="card"><h2 style="margin-top:0">Biometrics and verification checks</h2>${stepTable(d.steps, 'Verification checks')}</div>` : nothing}</div>
<div>${statusControl(session, query)}${sidebar(sim, session)}</div></div>`,
    { brand: 'MetaMap dashboard', theme: 'metamap', wide: true, css: CSS },
  );
}
