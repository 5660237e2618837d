// The invite answer, { trackingReference, inviteUrl, qrCodeUrl }, as the JSON text that
// JSON.stringify would make of it, built from pieces prepared once per PUBLIC_URL.
//
// Why not JSON.stringify: on the machines kyc-sim is measured on it costs ~5 µs per invite,
// about as much as everything else the route does. Everything in the answer except the
// tracking reference depends only on PUBLIC_URL (kyc-sim learns its port after listening, so
// it can change once), and a tracking reference is a lowercase UUID: URL encoding and JSON
// escaping both leave it alone, so it can be placed into text escaped beforehand.
import { openJsonString } from '../../core/json-text.js';
import { inviteUrl, qrCodeUrl } from './urls.js';

/** Makes invite answers; call with the current PUBLIC_URL and a tracking reference (a UUID). */
export function inviteAnswerMaker(): (publicUrl: string, trackingReference: string) => string {
  let base: string | undefined;
  let inviteStart = '';
  let qrStart = '';
  return (publicUrl, trackingReference) => {
    if (publicUrl !== base) {
      base = publicUrl;
      const invitePrefix = inviteUrl(publicUrl, '');
      inviteStart = `","inviteUrl":${openJsonString(invitePrefix)}`;
      qrStart = `","qrCodeUrl":${openJsonString(qrCodeUrl(publicUrl, invitePrefix))}`;
    }
    return `{"trackingReference":"${trackingReference}${inviteStart}${trackingReference}${qrStart}${trackingReference}"}`;
  };
}
