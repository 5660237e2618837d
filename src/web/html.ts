// Minimal, dependency-free HTML rendering for the simulated pages: escaping plus one
// page frame with inline styles (pages must work offline: no CDN, no external fonts).
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Tagged template that escapes every interpolated value unless it is `raw(...)`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0];
  values.forEach((value, i) => {
    const rendered = Array.isArray(value)
      ? value.map((v) => (v instanceof Raw ? v.value : escapeHtml(v))).join('')
      : value instanceof Raw
        ? value.value
        : escapeHtml(value);
    out += rendered + strings[i + 1];
  });
  return new Raw(out);
}

export class Raw {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function page(title: string, body: Raw, brand = 'kyc-sim'): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1b2733}
header{background:#12355b;color:#fff;padding:14px 24px;font-weight:600}
header small{font-weight:400;opacity:.8;margin-left:8px}
main{max-width:720px;margin:24px auto;background:#fff;border-radius:8px;padding:24px 32px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.4rem;margin-top:0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px}dt{font-weight:600}dd{margin:0}
label{display:block;font-weight:600;margin:16px 0 6px}
select,button,a.button{font:inherit;padding:10px 14px;border-radius:6px}
select{width:100%;border:1px solid #8a99a8}
button,a.button{background:#0b5cad;color:#fff;border:0;cursor:pointer;text-decoration:none;display:inline-block;margin-top:20px}
button:focus,a.button:focus,select:focus{outline:3px solid #f5a623;outline-offset:2px}
.note{background:#eef4fb;border-left:4px solid #0b5cad;padding:10px 14px;margin:16px 0}
code{background:#eef1f4;padding:1px 4px;border-radius:3px}
</style></head>
<body><header>${escapeHtml(brand)}<small>simulated by kyc-sim</small></header><main>${body.value}</main></body></html>`;
}
