// MetaMap's browser pages: the customer's verification page ({PUBLIC_URL}/verify/{identity})
// and the dashboard matiDashboardUrl points at ({PUBLIC_URL}/identities/{identity}), with its
// status control (→ verification_updated) and the uploaded media.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import { moveTo } from '../../engine/session.js';
import { html, page } from '../../web/html.js';
import type { Simulator } from '../../simulator.js';
import { invalidStructure } from './errors.js';
import type { Flow } from './flows.js';
import { currentVerification } from './identities.js';
import { readMultipartForm, UPLOAD_LIMITS } from './multipart.js';
import { submitInputs } from './input-submission.js';
import { changeStatus, LifecycleError } from './lifecycle.js';
import { dashboardPage } from './pages-dashboard.js';
import { afterPage, capturePage } from './pages-verify.js';
import type { MetamapSession } from './session-data.js';
import { PROVIDER_ID } from './vocabulary.js';

type IdentityParams = { Params: { identity: string } };

const notFound = () => page('Not found', html`<div class="card"><h1>Unknown identity</h1><p>No verification with this identity exists (it may have been deleted or the simulator reset).</p></div>`, 'MetaMap');

export function metamapPages(sim: Simulator, flowOf: (s: MetamapSession) => Flow): FastifyPluginAsync {
  return async (app) => {
    // For the verification page's uploads (this plugin's scope only: pages, not the API).
    await app.register(multipart, UPLOAD_LIMITS);
    // A re-verified identity's pages show its newest verification, as send-input addresses it.
    const byIdentity = (identity: string) => currentVerification(sim, identity);

    app.get<IdentityParams & { Querystring: { error?: string; changed?: string } }>('/identities/:identity', { schema: { hide: true } }, async (request, reply) => {
      const session = byIdentity(request.params.identity);
      if (!session) return reply.code(404).type('text/html').send(notFound());
      return reply.type('text/html').send(dashboardPage(sim, session, flowOf(session), request.query));
    });

    app.post<IdentityParams & { Body: { status?: string } }>('/identities/:identity/status', { schema: { hide: true } }, async (request, reply) => {
      const session = byIdentity(request.params.identity);
      if (!session) return reply.code(404).type('text/html').send(notFound());
      const status = request.body?.status ?? '';
      try {
        await changeStatus(sim, session, status);
      } catch (error) {
        if (!(error instanceof LifecycleError)) throw error;
        return reply.redirect(`/identities/${session.data.identityId}?error=${encodeURIComponent(error.message)}`, 303);
      }
      return reply.redirect(`/identities/${session.data.identityId}?changed=${encodeURIComponent(status)}`, 303);
    });

    // The dashboard is "logged in": its media need no bearer token, unlike /media/{token}.
    app.get<IdentityParams & { Params: { token: string } }>('/identities/:identity/media/:token', { schema: { hide: true } }, async (request, reply) => {
      const file = byIdentity(request.params.identity)?.data.media[request.params.token];
      if (!file) return reply.code(404).type('text/plain').send('no such media');
      return reply.type(file.contentType).header('Content-Disposition', `inline; filename="${file.filename}"`).send(file.bytes);
    });

    app.get<IdentityParams>('/verify/:identity', { schema: { hide: true } }, async (request, reply) => {
      const session = byIdentity(request.params.identity);
      if (!session) return reply.code(404).type('text/html').send(notFound());
      if (session.phase === 'created') moveTo(session, 'started', sim.clock.now());
      const open = session.phase === 'started';
      return reply.type('text/html').send(open ? capturePage(sim, session, flowOf(session)) : afterPage(sim, session));
    });

    // The page's uploads: the same multipart shape and the same path as send-input, plus the
    // outcome picker's choice (explicit only when it was changed from the pre-selected one).
    app.post<IdentityParams>('/verify/:identity/inputs', { schema: { hide: true } }, async (request, reply) => {
      const session = byIdentity(request.params.identity);
      if (!session) return reply.code(404).send({ code: 404, message: 'Identity not found' });
      if (!request.isMultipart()) return reply.code(400).send(invalidStructure('the page sends multipart/form-data'));
      const form = await readMultipartForm(request);
      if ('code' in form) return reply.code(form.code).send(form);
      const picked = form.fields.scenario;
      const explicit = picked && picked !== form.fields.scenarioAuto && sim.catalogue.has(PROVIDER_ID, picked) ? picked : null;
      const submitted = await submitInputs(sim, session, flowOf(session), form.fields.inputs, form.files, explicit);
      if ('error' in submitted) return reply.code(submitted.error.code).send(submitted.error);
      return reply.code(201).send({ results: submitted.results, phase: session.phase, scenario: session.scenario });
    });
  };
}
