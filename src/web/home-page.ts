// The landing page at `/`: where the browser-facing parts of kyc-sim are.
import { html, page } from './html.js';

export function homePage(info: { version: string; clockMode: string; publicUrl: string }): string {
  const link = (href: string, title: string, text: string) =>
    html`<li><a href="${href}"><strong>${title}</strong></a><br><span class="muted small">${text}</span></li>`;
  return page(
    'Home',
    html`<div class="card"><h1>kyc-sim</h1>
<p class="lead">A local simulator of the VerifiMe and MetaMap identity-verification APIs, customer pages and signed webhooks.</p>
<ul style="list-style:none;padding:0;display:grid;gap:14px">
${link('/__admin/ui', 'Inspector', 'Sessions of both providers, every webhook delivery attempt, the clock, scenarios and webhook endpoints.')}
${link('/widget-demo', 'VerifiMe widget demo', 'Create an invite, embed the widget, go through the portal and watch the webhook arrive.')}
${link('/documentation', 'API documentation', 'OpenAPI for the provider APIs and the admin API.')}
</ul>
<p class="muted small">Version ${info.version} · ${info.clockMode} clock · URLs handed out under <code>${info.publicUrl}</code></p></div>`,
    { brand: 'kyc-sim', theme: 'admin' },
  );
}
