// An identity is the person behind one or more verifications. Its first verification has the
// id identity + 2 (ids.ts) and records the re-verifications started later (E1 with
// `identityId`), so send-input, the pages and GET /v2/identities/{id} reach the identity's
// current verification with two map lookups instead of a search through every session.
import type { Simulator } from '../../simulator.js';
import { OBJECT_ID, verificationIdFor } from './ids.js';
import type { MetamapData, MetamapSession } from './session-data.js';
import { PROVIDER_ID } from './vocabulary.js';

function session(sim: Simulator, id: string): MetamapSession | undefined {
  const found = sim.store.get<MetamapData>(id);
  return found?.provider === PROVIDER_ID ? (found as MetamapSession) : undefined;
}

/** Every verification of the identity, oldest first, deleted ones included; [] for an identity kyc-sim never issued. */
export function verificationsOf(sim: Simulator, identityId: string): MetamapSession[] {
  const id = identityId.toLowerCase();
  if (!OBJECT_ID.test(id)) return [];
  const first = session(sim, verificationIdFor(id));
  if (first?.data.identityId !== id) return [];
  const later = first.data.reverifications.map((vid) => session(sim, vid)).filter((s): s is MetamapSession => s !== undefined);
  return [first, ...later];
}

/** The newest verification that is not deleted: the one inputs and the pages address. */
export function currentVerification(sim: Simulator, identityId: string): MetamapSession | undefined {
  return verificationsOf(sim, identityId).findLast(isLive);
}

/**
 * What stands for the identity once some of its verifications may be deleted: the newest that
 * is not, else the newest (its status for GET /v2/identities, its selfie for a re-facematch).
 */
export function newestLive(all: readonly MetamapSession[]): MetamapSession | undefined {
  return all.findLast(isLive) ?? all.at(-1);
}

const isLive = (s: MetamapSession) => !s.data.deleted;

/** Records a re-verification on the identity's first verification. */
export function addReverification(first: MetamapSession, verificationId: string): void {
  first.data.reverifications = [...first.data.reverifications, verificationId];
}
