// POST /v2/verifications (and the legacy /v2/identities): what the request's metadata may
// be, and the create response.
import type { Simulator } from '../../simulator.js';
import type { Flow } from './flows.js';
import type { MetamapSession } from './session-data.js';
import { PROVIDER_ID } from './vocabulary.js';

const METADATA_MAX_BYTES = 4096;

/** The documented create response (reference §3). */
export function createResponse(session: MetamapSession, flow: Flow) {
  const d = session.data;
  return {
    documents: [],
    expired: false,
    flow: { id: flow.id, name: flow.name },
    identity: d.identityId,
    inputs: d.inputs,
    metadata: d.metadata ?? {},
    steps: d.steps.map((s) => ({ status: s.status, id: s.id })),
    id: d.verificationId,
    deviceFingerprint: d.deviceFingerprint,
    hasProblem: false,
  };
}

/** metadata must be a flat object of at most 4 KB (reference §3, E1). */
export function checkMetadata(metadata: Record<string, unknown> | undefined | null): Record<string, unknown> | null | string {
  if (metadata === undefined || metadata === null) return null;
  if (Buffer.byteLength(JSON.stringify(metadata)) > METADATA_MAX_BYTES) return 'metadata must be at most 4 KB';
  if (Object.values(metadata).some((v) => typeof v === 'object' && v !== null)) return 'metadata must be one level deep';
  return metadata;
}

/** A `scenario` in metadata must name a MetaMap scenario, so a typo never falls back silently. */
export function unknownScenario(sim: Simulator, metadata: Record<string, unknown> | null): string | null {
  const name = metadata?.scenario;
  if (typeof name !== 'string' || sim.catalogue.has(PROVIDER_ID, name)) return null;
  return `kyc-sim: unknown scenario "${name}" in metadata; valid scenarios: ${sim.catalogue.names(PROVIDER_ID).join(', ')}`;
}
