// The images VerifiMe's V1 widget loads from its asset host (`{assets}/logo.svg`,
// `/verified.svg`, `/error.svg`), drawn by kyc-sim: a wordmark for the "Verify with" button
// (white, it sits on the widget's #5f48fb button), a green check and a red error mark.
// Served at /assets/<name> next to the widget scripts, hidden from the OpenAPI document.
import type { FastifyPluginAsync } from 'fastify';

export const WIDGET_ASSETS_PATH = '/assets';

const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="25" viewBox="0 0 96 25" role="img" aria-label="VerifiMe">
<circle cx="11" cy="12.5" r="9.5" fill="none" stroke="#fff" stroke-width="2"/>
<path d="M6.5 12.8l3 3 6-6.6" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>
<text x="25" y="17.5" fill="#fff" font-family="system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif" font-size="14" font-weight="700">VerifiMe</text>
</svg>
`;

const VERIFIED = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96" role="img" aria-label="Verified">
<circle cx="48" cy="48" r="44" fill="#e6f4ea"/>
<circle cx="48" cy="48" r="34" fill="#2e7d32"/>
<path d="M33 49l10 10 20-22" fill="none" stroke="#fff" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;

const ERROR = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96" role="img" aria-label="Error">
<circle cx="48" cy="48" r="44" fill="#fdecea"/>
<circle cx="48" cy="48" r="34" fill="#b3261e"/>
<path d="M48 30v24" stroke="#fff" stroke-width="7" stroke-linecap="round"/>
<circle cx="48" cy="65" r="4.2" fill="#fff"/>
</svg>
`;

/** The widget's images by file name. */
export const WIDGET_ASSETS: Readonly<Record<string, string>> = {
  'logo.svg': LOGO,
  'verified.svg': VERIFIED,
  'error.svg': ERROR,
};

export function widgetAssetRoutes(): FastifyPluginAsync {
  return async (app) => {
    for (const [name, svg] of Object.entries(WIDGET_ASSETS)) {
      app.get(`${WIDGET_ASSETS_PATH}/${name}`, { schema: { hide: true } }, async (_request, reply) =>
        reply
          .type('image/svg+xml')
          .header('Access-Control-Allow-Origin', '*')
          .header('Cache-Control', 'public, max-age=3600')
          .send(svg),
      );
    }
  };
}
