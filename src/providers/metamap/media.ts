// Uploaded files (and placeholders for inputs completed without files) are served back at
// {PUBLIC_URL}/media/{token} to a bearer, like media.getmati.com/media/{token}.
import { readFileSync } from 'node:fs';
import type { Simulator } from '../../simulator.js';
import type { MediaFile, MetamapSession } from './session-data.js';

const PLACEHOLDER_PNG = readFileSync(new URL('../../../fixtures/metamap/placeholder.png', import.meta.url));

export function storeMedia(sim: Simulator, session: MetamapSession, file: MediaFile): string {
  const token = sim.random.fork(`session/${session.id}/media/${Object.keys(session.data.media).length}`).hex(16);
  session.data.media[token] = file;
  return token;
}

export function mediaUrl(sim: Simulator, token: string): string {
  return `${sim.publicUrl}/media/${token}`;
}

/** A token for a placeholder picture/video, created once per session and kind. */
export function placeholderMedia(session: MetamapSession, kind: string): string {
  const token = `placeholder-${kind}-${session.data.identityId}`;
  if (!session.data.media[token]) {
    const video = kind.includes('video');
    session.data.media[token] = {
      contentType: video ? 'video/mp4' : 'image/png',
      filename: video ? `${kind}.mp4` : `${kind}.png`,
      bytes: video ? Buffer.alloc(0) : PLACEHOLDER_PNG,
    };
  }
  return token;
}

