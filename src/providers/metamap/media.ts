// Uploaded files (and placeholders for inputs completed without files) are served back at
// {PUBLIC_URL}/media/{token} to a bearer, like media.getmati.com/media/{token}.
import { readFileSync } from 'node:fs';
import type { Simulator } from '../../simulator.js';
import type { MediaFile, MetamapSession } from './session-data.js';

const PLACEHOLDER_PNG = readFileSync(new URL('../../../fixtures/metamap/placeholder.png', import.meta.url));

/**
 * Tokens start with the verification id (placeholders end with it), so a media request finds
 * its verification directly instead of searching every session. Not the identity id: a
 * re-verified identity has several verifications.
 */
export function storeMedia(sim: Simulator, session: MetamapSession, file: MediaFile): string {
  const token = sim.random.fork(`session/${session.id}/media/${Object.keys(session.data.media).length}`).hex(16, session.id);
  session.data.media = { ...session.data.media, [token]: file };
  return token;
}

/** The verification id a media token belongs to, or undefined for a token that is not ours. */
export function verificationOfToken(token: string): string | undefined {
  if (/^[0-9a-f]{56}$/.test(token)) return token.slice(0, 24); // id + 16 random bytes
  const placeholder = /^placeholder-[a-z0-9-]+-([0-9a-f]{24})$/.exec(token);
  return placeholder ? placeholder[1] : undefined;
}

export function mediaUrl(sim: Simulator, token: string): string {
  return `${sim.publicUrl}/media/${token}`;
}

/** A token for a placeholder picture/video, created once per session and kind. */
export function placeholderMedia(session: MetamapSession, kind: string): string {
  const token = `placeholder-${kind}-${session.id}`;
  if (!session.data.media[token]) {
    const video = kind.includes('video');
    const file = {
      contentType: video ? 'video/mp4' : 'image/png',
      filename: video ? `${kind}.mp4` : `${kind}.png`,
      bytes: video ? Buffer.alloc(0) : PLACEHOLDER_PNG,
    };
    session.data.media = { ...session.data.media, [token]: file };
  }
  return token;
}

