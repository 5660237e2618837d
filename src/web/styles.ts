// The pages' one stylesheet, inlined in every page: system fonts only, colours chosen for
// WCAG AA contrast, visible keyboard focus. Three themes share the components.
export type Theme = 'verifime' | 'metamap' | 'admin';

const THEMES: Record<Theme, string> = {
  verifime: '--top:#0b2a45;--accent:#0d6e66;--accent-dark:#09524c;--accent-soft:#e3f4f1;--page:#f2f6f7',
  metamap: '--top:#1e1b4b;--accent:#5b3fd6;--accent-dark:#4329b0;--accent-soft:#efebff;--page:#f5f4fb',
  admin: '--top:#0f172a;--accent:#1d5fd1;--accent-dark:#174ca8;--accent-soft:#e8f0fe;--page:#f1f4f8',
};

const BASE = `
*,*::before,*::after{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;margin:0;background:var(--page);color:#17212b}
.skip{position:absolute;left:-9999px;top:8px;background:#fff;color:#000;padding:8px 12px;z-index:10}.skip:focus{left:8px}
header.top{background:var(--top);color:#fff;padding:12px 24px;display:flex;align-items:center;gap:14px;flex-wrap:wrap}
.brand{display:flex;align-items:center;gap:10px;font-weight:650;font-size:1.08rem;letter-spacing:.01em}
.sim-pill{font-size:.75rem;border:1px solid rgba(255,255,255,.55);border-radius:999px;padding:2px 10px;color:#e8eef5}
header.top .extra{margin-left:auto;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
main{max-width:760px;margin:28px auto;padding:0 16px}main:focus{outline:none}
body.wide main{max-width:1320px}
.card{background:#fff;border:1px solid #dde3ea;border-radius:12px;padding:24px 28px;box-shadow:0 1px 2px rgba(16,24,40,.06);margin-bottom:20px}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 8px}h2{font-size:1.12rem;margin:22px 0 10px}h3{font-size:1rem;margin:16px 0 8px}
p{margin:0 0 12px}.lead{color:#3d4b59;font-size:1.02rem}.muted{color:#52606d}.small{font-size:.86rem}
a{color:var(--accent-dark)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em}
code{background:#eef1f4;padding:1px 5px;border-radius:4px;overflow-wrap:anywhere}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;margin:0}dl.kv dt{font-weight:600;color:#3d4b59}dl.kv dd{margin:0;min-width:0;overflow-wrap:anywhere}
label,.label{display:block;font-weight:600;margin:14px 0 6px}
.hint{display:block;font-weight:400;color:#52606d;font-size:.86rem;margin-top:2px}
input[type=text],input[type=email],input[type=date],input[type=tel],input[type=url],input[type=search],input:not([type]),select,textarea{font:inherit;width:100%;padding:9px 11px;border:1px solid #8593a3;border-radius:8px;background:#fff;color:#17212b}
input[readonly]{background:#f1f4f7;color:#3d4b59}
input:focus-visible,select:focus-visible,textarea:focus-visible,button:focus-visible,a:focus-visible,summary:focus-visible,[tabindex]:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.row{display:grid;grid-template-columns:1fr 1fr;gap:0 16px}.row3{display:grid;grid-template-columns:1fr 1fr 1fr;gap:0 16px}
@media (max-width:620px){.row,.row3{grid-template-columns:1fr}}
fieldset{border:0;margin:0;padding:0;min-width:0}legend{font-size:1.12rem;font-weight:650;margin:0 0 4px;padding:0}
.btn{font:inherit;font-weight:600;display:inline-flex;align-items:center;justify-content:center;gap:8px;padding:10px 18px;border-radius:8px;border:1px solid transparent;cursor:pointer;text-decoration:none;line-height:1.2}
.btn-primary{background:var(--accent);color:#fff}.btn-primary:hover{background:var(--accent-dark)}
.btn-secondary{background:#fff;color:var(--accent-dark);border-color:#9aa8b6}.btn-secondary:hover{background:var(--accent-soft)}
.btn-small{padding:5px 11px;font-size:.86rem;border-radius:6px}
.btn:disabled,.btn[aria-disabled=true]{opacity:.55;cursor:not-allowed}fieldset:disabled .choice{opacity:.6;cursor:not-allowed}
.actions{display:flex;gap:12px;justify-content:space-between;align-items:center;margin-top:24px;flex-wrap:wrap}
.notice{background:var(--accent-soft);border-left:4px solid var(--accent);padding:12px 16px;border-radius:6px;margin:16px 0}
.notice.error{background:#fdecec;border-color:#b42318;color:#7a1a12}
.sim{border:2px dashed #b7791f;background:#fffaf0;border-radius:10px;padding:14px 18px;margin:18px 0;position:relative}
.sim>.sim-tag{position:absolute;top:-11px;left:14px;background:#b7791f;color:#fff;font-size:.72rem;font-weight:700;letter-spacing:.05em;text-transform:uppercase;padding:1px 8px;border-radius:4px}
.sim label:first-of-type{margin-top:4px}
.badge{display:inline-block;font-size:.76rem;font-weight:650;padding:2px 9px;border-radius:999px;background:#e6eaef;color:#2c3a47;white-space:nowrap}
.badge.ok{background:#dcf5e7;color:#0b5d33}.badge.warn{background:#fff1d6;color:#7a4a00}.badge.err{background:#fde2e0;color:#8f1d14}.badge.info{background:#e0ecff;color:#1b4b9b}.badge.violet{background:#ece6ff;color:#4a2fb0}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #e3e8ee;vertical-align:top}th{font-size:.78rem;text-transform:uppercase;letter-spacing:.04em;color:#52606d;font-weight:650}
.stepper{display:flex;list-style:none;padding:0;margin:0 0 22px;gap:6px;counter-reset:step}
.stepper li{flex:1;font-size:.84rem;color:#52606d;border-top:4px solid #d5dce4;padding-top:8px;counter-increment:step}
.stepper li::before{content:counter(step) ". "}
.stepper li.done{border-color:var(--accent);color:#17212b}.stepper li[aria-current=step]{border-color:var(--accent);color:#17212b;font-weight:700}
.choice{display:flex;gap:12px;align-items:flex-start;border:1px solid #c9d2dc;border-radius:10px;padding:12px 14px;margin:8px 0;cursor:pointer;font-weight:400}
.choice:has(input:checked){border-color:var(--accent);background:var(--accent-soft)}.choice input{margin-top:4px}.choice strong{display:block}
.capture{border:1px dashed #8593a3;border-radius:10px;padding:16px;display:flex;gap:16px;align-items:center;flex-wrap:wrap;background:#fafbfc}
.capture img,.capture canvas{max-width:220px;border-radius:8px;border:1px solid #d5dce4}.capture .break{flex-basis:100%;height:0}.capture .break:has(+ [hidden]){display:none}
.ok-text{color:#0b5d33;font-weight:600}
.spinner{width:22px;height:22px;border:3px solid #cfd8e3;border-top-color:var(--accent);border-radius:50%;animation:spin .9s linear infinite;display:inline-block;vertical-align:middle}
@keyframes spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spinner{animation-duration:3s}}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.check{width:56px;height:56px;border-radius:50%;background:#dcf5e7;display:flex;align-items:center;justify-content:center;margin-bottom:12px}
pre{background:#0f172a;color:#e2e8f0;padding:12px 14px;border-radius:8px;overflow:auto;font-size:.82rem;line-height:1.45;max-height:360px;white-space:pre-wrap;word-break:break-all}
`;

export function pageStyles(theme: Theme): string {
  return `body{${THEMES[theme]}}${BASE}`;
}
