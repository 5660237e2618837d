// kyc-sim healthcheck: one GET /__admin/health; exit 0 when kyc-sim is ready, else 1.
// For Docker HEALTHCHECK and compose (no curl in the image).
import { durationArg, localUrl, parse, type Command } from './args.js';
import { createClient, RequestError } from './client.js';

export const healthcheckUsage = `Usage: kyc-sim healthcheck [--url <url>] [--timeout <duration>]

Asks GET /__admin/health once and exits 0 when kyc-sim answers that it is ready (scenarios
loaded, listening), 1 otherwise. No curl needed (Docker HEALTHCHECK, compose healthcheck).

Options:
  --url <url>            base URL (default: http://127.0.0.1:$PORT, or $HOST when it names one
                         interface; PORT defaults to 4010)
  --timeout <duration>   how long to wait for the answer (default: 5s)
`;

export interface Health {
  status: string;
  ready?: boolean;
  version: string;
  clock: { mode: string; scale: number; now: string };
  seed: string;
  scenarios: number;
  sessions: number;
  pendingDeliveries: number;
}

/** One health probe: the health body when ready, else the reason it is not. */
export async function probe(url: string, timeoutMs: number): Promise<{ ok: true; health: Health } | { ok: false; reason: string }> {
  try {
    const health = await createClient(url, timeoutMs).request<Health>('GET', '/__admin/health');
    if (health.status === 'ok' && health.ready !== false) return { ok: true, health };
    return { ok: false, reason: `status ${health.status}` };
  } catch (error) {
    if (error instanceof RequestError) {
      const status = (error.body as { status?: unknown } | null)?.status;
      return { ok: false, reason: typeof status === 'string' ? `${status} (HTTP ${error.status})` : error.message };
    }
    throw error;
  }
}

export function describeHealth(url: string, h: Health): string {
  return `kyc-sim ${h.version} ready at ${url}: ${h.clock.mode} clock, seed ${h.seed}, ${h.scenarios} scenarios, ${h.sessions} sessions, ${h.pendingDeliveries} pending deliveries`;
}

export const healthcheck: Command = async (argv, io) => {
  const { values } = parse(argv, { url: { type: 'string' }, timeout: { type: 'string' } }, 0);
  if (values.help) {
    io.out(healthcheckUsage);
    return 0;
  }
  const url = typeof values.url === 'string' ? values.url : localUrl(io.env);
  const timeoutMs = typeof values.timeout === 'string' ? durationArg('timeout', values.timeout) : 5_000;
  const result = await probe(url, timeoutMs);
  if (result.ok) {
    io.out(`${describeHealth(url, result.health)}\n`);
    return 0;
  }
  io.err(`kyc-sim healthcheck: not ready: ${result.reason}\n`);
  return 1;
};
