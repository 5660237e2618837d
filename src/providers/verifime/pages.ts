// The customer-facing pages: the portal at inviteUrl (opening it marks the reference
// Active; submitting completes Phase 1), the QR image, and the client-portal page that
// assessmentPortalUrl points at.
import type { FastifyPluginAsync } from 'fastify';
import QRCode from 'qrcode';
import { html, page } from '../../web/html.js';
import type { Simulator } from '../../simulator.js';
import { AlreadyCompletedError, completeDataEntry, markActive } from './lifecycle.js';
import { confirmationPage, portalPage } from './pages-portal.js';
import { applyPortalForm, readPortalForm } from './portal-form.js';
import { knownCustomerName, type VerifimeSession } from './session-data.js';
import { PROVIDER_ID } from './vocabulary.js';

type Finder = (reference: string) => VerifimeSession | undefined;
type RefParams = { Params: { ref: string } };

export function verifimePages(sim: Simulator, find: Finder): FastifyPluginAsync {
  return async (app) => {
    const notFound = (ref: string, what = 'tracking reference') =>
      page('Not found', html`<div class="card"><h1>Unknown ${what}</h1><p><code>${ref}</code> was not issued by this simulator (or it was reset).</p></div>`, 'VerifiMe');

    app.get<{ Querystring: { url?: string } }>(
      '/qr',
      { schema: { hide: true, querystring: { type: 'object', properties: { url: { type: 'string', minLength: 1, maxLength: 2000 } }, required: ['url'] } } },
      async (request, reply) => {
        const png = await QRCode.toBuffer(request.query.url!, { type: 'png', margin: 2, width: 256 });
        return reply.type('image/png').header('Cache-Control', 'public, max-age=86400').send(png);
      },
    );

    app.get<RefParams>('/sign-up/track-id/:ref', { schema: { hide: true } }, async (request, reply) => {
      const session = find(request.params.ref);
      if (!session) return reply.code(404).type('text/html').send(notFound(request.params.ref));
      // Only a customer opening the page starts the visit: a HEAD (link checkers, mail
      // scanners) reads it without making the reference Active.
      if (request.method === 'GET') markActive(sim, session);
      return reply.type('text/html').send(session.data.status === 'Completed' ? confirmationPage(sim, session) : portalPage(sim, session));
    });

    // The wizard's submission (or a bare `scenario=` post): Completed, then Phase 2. A
    // completed reference only ever shows its confirmation again.
    app.post<RefParams & { Body: Record<string, unknown> | undefined }>('/sign-up/track-id/:ref', { schema: { hide: true } }, async (request, reply) => {
      const session = find(request.params.ref);
      if (!session) return reply.code(404).type('text/html').send(notFound(request.params.ref));
      if (session.data.status !== 'Completed') {
        const form = readPortalForm(request.body, (name) => sim.catalogue.has(PROVIDER_ID, name));
        markActive(sim, session);
        applyPortalForm(sim, session, form);
        try {
          completeDataEntry(sim, session, form.explicitScenario);
        } catch (error) {
          if (!(error instanceof AlreadyCompletedError)) throw error;
        }
      }
      return reply.redirect(`/sign-up/track-id/${session.id}`, 303);
    });

    app.get<{ Params: { assessment: string } }>('/client-portal/assessments/:assessment', { schema: { hide: true } }, async (request, reply) => {
      // Looked up by the assessment's own id; pages are rare, so a scan of the sessions will do.
      const id = request.params.assessment.toLowerCase();
      const session = sim.store.list({ provider: PROVIDER_ID }).find((s) => (s as VerifimeSession).data.assessmentId === id) as VerifimeSession | undefined;
      if (!session) return reply.code(404).type('text/html').send(notFound(request.params.assessment, 'assessment'));
      const a = session.data.assessment;
      const risk = a.riskLevel === 'LOW' || a.riskLevel === 'NO RISK DETECTED' ? 'ok' : a.riskLevel === 'MEDIUM' ? 'warn' : a.riskLevel ? 'err' : '';
      return reply.type('text/html').send(
        page(
          'Risk assessment',
          html`<div class="card"><h1>Risk assessment</h1>
<p class="lead">${a.customerName ?? knownCustomerName(session.data.invite.customerContext) ?? 'Customer'}</p>
<dl class="kv"><dt>Tracking reference</dt><dd><code>${session.id}</code></dd>
<dt>Onboarding status</dt><dd>${session.data.status}</dd>
<dt>Assessment status</dt><dd><span class="badge ${a.status === 'ASSESSED' ? 'ok' : 'warn'}">${a.status ?? 'not started'}</span></dd>
<dt>Risk level</dt><dd>${a.riskLevel ? html`<span class="badge ${risk}">${a.riskLevel}</span>` : '—'}</dd>
<dt>Last update</dt><dd>${a.eventTimestamp ?? '—'}</dd>
<dt>Reference data</dt><dd>${session.data.invite.referenceData ?? '—'}</dd></dl>
<div class="sim"><span class="sim-tag">kyc-sim</span><p class="small">Scenario <code>${session.scenario ?? '—'}</code> · <a href="/__admin/ui#/sessions/${session.id}">open in the inspector</a></p></div></div>`,
          { brand: 'VerifiMe client portal', theme: 'verifime' },
        ),
      );
    });
  };
}
