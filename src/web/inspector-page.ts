// The inspector's page shell at /__admin/ui. Everything in it is filled in by
// src/web/browser/inspector.ts from the admin API, refreshed every second.
import { html, page, raw } from './html.js';

const CSS = `
.tabs{display:flex;gap:4px;margin:0 0 16px;border-bottom:1px solid #cfd8e3}
.tabs a{padding:9px 16px;text-decoration:none;color:#3d4b59;font-weight:600;border-bottom:3px solid transparent;margin-bottom:-1px}
.tabs a[aria-current=page]{color:#17212b;border-bottom-color:var(--accent)}
.tabs #announce{margin-left:auto;align-self:center}
#sessions-table th,.catalogue td:first-child code{white-space:nowrap}
table.catalogue{table-layout:fixed}.catalogue th:nth-child(1){width:19%}.catalogue th:nth-child(2){width:31%}
.split{display:grid;grid-template-columns:minmax(0,11fr) minmax(0,13fr);gap:20px;align-items:start}
@media (max-width:1000px){.split{grid-template-columns:1fr}}
.card.tight{padding:16px 18px}
.toolbar{display:flex;gap:12px;align-items:end;flex-wrap:wrap;margin-bottom:10px}.toolbar>div{min-width:140px;flex:1}.toolbar label{margin:0 0 4px;font-size:.84rem}
#sessions-table{table-layout:fixed}#sessions-table th:nth-child(1){width:31%}#sessions-table th:nth-child(2){width:22%}#sessions-table th:nth-child(3){width:25%}
#sessions-table td{cursor:pointer;overflow-wrap:anywhere}#sessions-table tr:hover td{background:#f5f8fb}#sessions-table tr[aria-selected=true] td{background:var(--accent-soft)}
#sessions-table a{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.84rem;display:inline-block;max-width:100%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;vertical-align:bottom}
.clock{display:flex;gap:8px;align-items:center;flex-wrap:wrap;font-size:.88rem}
.clock .now{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:rgba(255,255,255,.12);padding:3px 8px;border-radius:6px}
.clock input{width:5.5em;padding:4px 8px;border-radius:6px;border:1px solid #94a3b8}
.clock .btn-small{background:#fff;color:#0f172a}
.clock label{margin:0;font-weight:500}
ol.timeline{list-style:none;padding:0;margin:0;border-left:3px solid #d5dce4}
ol.timeline>li{position:relative;padding:4px 0 16px 18px}
ol.timeline>li::before{content:"";position:absolute;left:-8px;top:9px;width:13px;height:13px;border-radius:50%;background:#fff;border:3px solid var(--accent)}
ol.timeline>li.future::before{border-color:#b0bcc9;border-style:dashed}
ol.timeline>li.milestone::before{background:var(--accent)}
.tl-head{display:flex;gap:8px;align-items:center;flex-wrap:wrap}.tl-time{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.84rem;color:#52606d}
.delivery{border:1px solid #dde3ea;border-radius:10px;padding:12px 14px;margin:10px 0;background:#fbfcfd}
.delivery .dhead{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.delivery table{margin:8px 0;font-size:.86rem}.delivery th,.delivery td{padding:5px 8px}
details>summary{cursor:pointer;color:var(--accent-dark);font-weight:600;font-size:.88rem;margin:4px 0}
.status-line{min-height:1.5em}
.grow{flex:1}
`;

export function inspectorPage(): string {
  return page(
    'Inspector',
    html`<h1 class="visually-hidden">kyc-sim inspector</h1>
<nav class="tabs" aria-label="Inspector sections"><a href="#/sessions" data-tab="sessions">Sessions</a><a href="#/scenarios" data-tab="scenarios">Scenarios</a><a href="#/webhooks" data-tab="webhooks">Webhook endpoints</a><span role="status" id="announce" class="small muted"></span></nav>
<section id="view-sessions" data-view="sessions"><div class="split">
<div class="card tight"><h2 style="margin-top:0">Sessions <span class="muted small" id="session-count"></span></h2>
<div class="toolbar"><div><label for="filter-provider">Provider</label><select id="filter-provider"><option value="">All providers</option><option value="verifime">VerifiMe</option><option value="metamap">MetaMap</option></select></div>
<div><label for="filter-text">Search</label><input id="filter-text" type="search" placeholder="id, scenario, state"></div></div>
<table id="sessions-table" aria-describedby="session-count"><thead><tr><th scope="col">Session</th><th scope="col">Scenario</th><th scope="col">State</th><th scope="col">Next due</th></tr></thead><tbody></tbody></table>
<p id="sessions-empty" class="muted small" hidden>No sessions yet. Create a VerifiMe invite (try the <a href="/widget-demo">widget demo</a>) or a MetaMap verification.</p></div>
<div class="card tight" id="session-detail"><p class="muted">Select a session to see its timeline and every webhook delivery attempt.</p></div>
</div></section>
<section id="view-scenarios" data-view="scenarios" hidden><div class="card tight" id="scenarios"></div></section>
<section id="view-webhooks" data-view="webhooks" hidden><div class="card tight" id="webhooks"></div></section>
`,
    {
      brand: 'kyc-sim inspector',
      theme: 'admin',
      wide: true,
      css: CSS,
      modules: ['inspector'],
      headerExtra: raw('<div class="extra clock" id="clock" role="group" aria-label="Simulator clock"><span class="clock" id="clock-status"></span><span id="clock-controls"></span></div>'),
    },
  );
}
