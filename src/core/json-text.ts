// JSON built as text rather than through JSON.stringify of a whole object, for the few hot
// answers made mostly of parts known in advance (see where they are built). On
// the machines kyc-sim is measured on JSON.stringify writes about a third of an object per
// microsecond, as much as the rest of an invite or a create costs.

/** What fastify sets for an object answer; with it, fastify sends a string answer as it is. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** JSON.stringify(text) without its closing quote, so that text needing no escaping can follow. */
export const openJsonString = (text: string): string => JSON.stringify(text).slice(0, -1);
