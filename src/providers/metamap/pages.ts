// The dashboard page matiDashboardUrl points at ({PUBLIC_URL}/identities/{identityId},
// like dashboard.getmati.com/identities/{id}): documents, steps with errors, status, and
// a control to change the status (→ verification_updated).
import type { FastifyPluginAsync } from 'fastify';
import { html, page } from '../../web/html.js';
import type { Simulator } from '../../simulator.js';
import type { Flow } from './flows.js';
import { verificationIdFor, OBJECT_ID } from './ids.js';
import { changeStatus, LifecycleError } from './lifecycle.js';
import type { MetamapSession, StepState } from './session-data.js';
import { FINAL_STATUSES } from './vocabulary.js';

type Finder = (id: string) => MetamapSession | undefined;
type IdentityParams = { Params: { identity: string } };

export function metamapPages(sim: Simulator, find: Finder, flowOf: (s: MetamapSession) => Flow): FastifyPluginAsync {
  return async (app) => {
    const byIdentity = (identity: string) => {
      const id = identity.toLowerCase();
      const session = OBJECT_ID.test(id) ? find(verificationIdFor(id)) : undefined;
      return session?.data.identityId === id ? session : undefined;
    };

    app.get<IdentityParams>('/identities/:identity', { schema: { hide: true } }, async (request, reply) => {
      const session = byIdentity(request.params.identity);
      if (!session) return reply.code(404).type('text/html').send(page('Not found', html`<h1>Unknown identity</h1>`, 'MetaMap dashboard'));
      return reply.type('text/html').send(dashboard(session, flowOf(session), request.query as { error?: string }));
    });

    app.post<IdentityParams & { Body: { status?: string } }>('/identities/:identity/status', { schema: { hide: true } }, async (request, reply) => {
      const session = byIdentity(request.params.identity);
      if (!session) return reply.code(404).type('text/html').send(page('Not found', html`<h1>Unknown identity</h1>`, 'MetaMap dashboard'));
      try {
        await changeStatus(sim, session, request.body?.status ?? '');
      } catch (error) {
        if (!(error instanceof LifecycleError)) throw error;
        return reply.redirect(`/identities/${session.data.identityId}?error=${encodeURIComponent(error.message)}`, 303);
      }
      return reply.redirect(`/identities/${session.data.identityId}`, 303);
    });
  };
}

function stepRows(steps: StepState[]) {
  return steps.map(
    (s) => html`<tr><td>${s.id}</td><td>${s.status === 200 ? 'done' : 'pending'}</td><td>${s.error ? `${s.error.code}: ${s.error.message}` : s.status === 200 ? 'passed' : '—'}</td></tr>`,
  );
}

function dashboard(session: MetamapSession, flow: Flow, query: { error?: string }): string {
  const d = session.data;
  const canChange = d.automaticStatus !== null;
  return page(
    `Verification ${d.verificationId}`,
    html`<h1>Verification</h1>
${query.error ? html`<p class="note" role="alert">${query.error}</p>` : html``}
<dl><dt>Identity</dt><dd><code>${d.identityId}</code></dd><dt>Verification</dt><dd><code>${d.verificationId}</code></dd>
<dt>Flow</dt><dd>${flow.name}</dd><dt>Status</dt><dd><strong>${d.identityStatus}</strong></dd>
<dt>Automatic status</dt><dd>${d.automaticStatus ?? '—'}</dd><dt>Scenario</dt><dd>${session.scenario ?? '—'}</dd></dl>
<h2>Verification steps</h2><table><thead><tr><th>step</th><th>state</th><th>result</th></tr></thead><tbody>${stepRows(d.steps)}</tbody></table>
${d.documents.map((doc) => html`<h2>Document ${doc.group + 1}: ${doc.type ?? 'unknown'}</h2>
<table><thead><tr><th>step</th><th>state</th><th>result</th></tr></thead><tbody>${stepRows(doc.steps)}</tbody></table>`)}
<form method="post" action="/identities/${d.identityId}/status">
<label for="status">Change status</label>
<select id="status" name="status" ${canChange ? html`` : html`disabled`}>${FINAL_STATUSES.map((s) => html`<option value="${s}" ${s === d.identityStatus ? html`selected` : html``}>${s}</option>`)}</select>
<button type="submit" ${canChange ? html`` : html`disabled`}>Save status</button>
${canChange ? html`` : html`<p>The status can be changed once the verification has a verdict.</p>`}
</form>`,
    'MetaMap dashboard',
  );
}
