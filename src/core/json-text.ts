// JSON built as text rather than through JSON.stringify of a whole object, for the few hot
// answers and events made mostly of parts known in advance (see where they are built).
// JSON.stringify has a fixed cost per call (~6,000 instructions under callgrind, whatever the
// object's size), so small objects cost mostly that: three calls were ~11% of the instructions
// of a MetaMap create. Everything here equals what JSON.stringify makes, and falls back to it
// when unsure.

/** What fastify sets for an object answer; with it, fastify sends a string answer as it is. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A payload already serialised: the outbox sends its text as it is. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** JSON.stringify(text) without its closing quote, so that text needing no escaping can follow. */
export const openJsonString = (text: string): string => JSON.stringify(text).slice(0, -1);

/**
 * JSON.stringify(text), cheaply when nothing in it needs escaping: no quote, backslash or
 * control character, and no surrogate (every surrogate is sent the slow way, where pairs
 * are told from lone ones). A loop, not a regular expression: most of these strings are a
 * few characters long, where a RegExp test costs several times more.
 */
export function jsonString(text: string): string {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
}

/**
 * JSON.stringify(object) for an object whose own values are all strings, finite numbers,
 * booleans or null (MetaMap metadata, a device fingerprint); undefined for anything else,
 * which the caller then serialises with JSON.stringify. Object.keys gives the order
 * JSON.stringify uses.
 */
export function flatJsonObject(object: Record<string, unknown>): string | undefined {
  let text = '';
  for (const key of Object.keys(object)) {
    const value = object[key];
    let json: string;
    if (typeof value === 'string') json = jsonString(value);
    else if (typeof value === 'number' && Number.isFinite(value)) json = String(value);
    else if (typeof value === 'boolean') json = value ? 'true' : 'false';
    else if (value === null) json = 'null';
    else return undefined;
    text += `${text === '' ? '{' : ','}${jsonString(key)}:${json}`;
  }
  return text === '' ? '{}' : `${text}}`;
}

/** JSON.stringify(object) for a flat object, through flatJsonObject when it can. */
export const flatJson = (object: Record<string, unknown>): string => flatJsonObject(object) ?? JSON.stringify(object);
