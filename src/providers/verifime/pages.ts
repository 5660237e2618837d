// The customer-facing pages: the portal at inviteUrl (opening it marks the reference
// Active; submitting completes Phase 1), the QR image, and the client-portal page that
// assessmentPortalUrl points at.
import type { FastifyPluginAsync } from 'fastify';
import QRCode from 'qrcode';
import { html, page } from '../../web/html.js';
import type { Simulator } from '../../simulator.js';
import { AlreadyCompletedError, completeDataEntry, markActive } from './lifecycle.js';
import { knownCustomerName, type VerifimeSession } from './session-data.js';
import { PROVIDER_ID } from './vocabulary.js';

type Finder = (reference: string) => VerifimeSession | undefined;
type RefParams = { Params: { ref: string } };

export function verifimePages(sim: Simulator, find: Finder): FastifyPluginAsync {
  return async (app) => {
    const notFound = (ref: string) =>
      page('Not found', html`<h1>Unknown tracking reference</h1><p><code>${ref}</code> was not issued by this simulator.</p>`, 'VerifiMe');

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
      markActive(sim, session);
      return reply.type('text/html').send(session.data.status === 'Completed' ? confirmation(sim, session) : portal(sim, session));
    });

    app.post<RefParams & { Body: { scenario?: string } }>('/sign-up/track-id/:ref', { schema: { hide: true } }, async (request, reply) => {
      const session = find(request.params.ref);
      if (!session) return reply.code(404).type('text/html').send(notFound(request.params.ref));
      const picked = request.body?.scenario;
      const scenario = picked && sim.catalogue.has(PROVIDER_ID, picked) ? picked : null;
      try {
        markActive(sim, session);
        completeDataEntry(sim, session, scenario);
      } catch (error) {
        if (!(error instanceof AlreadyCompletedError)) throw error;
      }
      return reply.redirect(`/sign-up/track-id/${session.id}`, 303);
    });

    app.get<RefParams>('/client-portal/assessments/:ref', { schema: { hide: true } }, async (request, reply) => {
      const session = find(request.params.ref);
      if (!session) return reply.code(404).type('text/html').send(notFound(request.params.ref));
      const a = session.data.assessment;
      return reply.type('text/html').send(
        page(
          'Risk assessment',
          html`<h1>Risk assessment</h1><dl>
<dt>Customer</dt><dd>${a.customerName ?? knownCustomerName(session.data.invite.customerContext) ?? '—'}</dd>
<dt>Tracking reference</dt><dd><code>${session.id}</code></dd>
<dt>Onboarding status</dt><dd>${session.data.status}</dd>
<dt>Assessment status</dt><dd>${a.status ?? 'not started'}</dd>
<dt>Risk level</dt><dd>${a.riskLevel ?? '—'}</dd>
<dt>Scenario</dt><dd>${session.scenario ?? '—'}</dd></dl>`,
          'VerifiMe client portal',
        ),
      );
    });
  };
}

function portal(sim: Simulator, session: VerifimeSession): string {
  const ctx = session.data.invite.customerContext;
  const options = sim.catalogue.list(PROVIDER_ID).map((s) => html`<option value="${s.name}">${s.name} — ${s.description}</option>`);
  return page(
    'Verify your identity',
    html`<h1>Verify your identity</h1>
<p>This is the simulated VerifiMe customer portal. In the real portal the customer enters personal details, identity documents and a selfie.</p>
<dl><dt>Name</dt><dd>${knownCustomerName(ctx) ?? '—'}</dd><dt>Email</dt><dd>${session.data.invite.email}</dd>
<dt>Reference</dt><dd><code>${session.id}</code></dd></dl>
<form method="post" action="/sign-up/track-id/${session.id}">
<label for="scenario">Outcome (kyc-sim)</label>
<select id="scenario" name="scenario"><option value="">Automatic: middle-name convention, referenceData, else the default</option>${options}</select>
<button type="submit">Submit my details</button></form>`,
    'VerifiMe',
  );
}

function confirmation(sim: Simulator, session: VerifimeSession): string {
  const verdictAt = session.timeline.map((e) => e.dueAt).reduce((a, b) => Math.max(a, b), 0);
  const org = sim.config.verifime.orgCodes.find((o) => o.code.toUpperCase() === session.scope);
  const returnUrl = session.data.invite.customerContext?.callbackUrl ?? org?.returnUrl ?? null;
  return page(
    'Thank you',
    html`<h1>Thank you — your details were submitted</h1>
<p class="note">Your verification is now being processed. The result is sent to the company later,
${verdictAt > 0 ? html`at about <time datetime="${new Date(verdictAt).toISOString()}">${new Date(verdictAt).toISOString()}</time> on the simulator's clock` : html`shortly`}.</p>
${returnUrl ? html`<a class="button" href="${returnUrl}">Return to ${org?.code ?? 'company'}</a>` : html``}`,
    'VerifiMe',
  );
}
