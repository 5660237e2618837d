// A provider's conformance suite: how it signs and sends (its delivery dialect, the same
// object the simulator uses), where its sample events come from, and its rules in order.
import type { DeliveryDialect } from '../webhooks/outbox.js';
import type { Rule } from './rule.js';
import type { Samples } from './samples.js';
import type { ProviderId } from './types.js';

export interface Suite<S> {
  readonly provider: ProviderId;
  /** "VerifiMe" or "MetaMap". */
  readonly name: string;
  readonly dialect: DeliveryDialect;
  readonly signatureHeader: string;
  /** Acknowledgements slower than this get a warning; null: only the timeout counts. */
  readonly slowWarnMs: number | null;
  samples(count: number, seed?: string): Promise<Samples<S>>;
  readonly rules: readonly Rule<S>[];
}
