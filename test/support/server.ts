// Starts the real kyc-sim server on a free port for one test, closed on teardown, through
// the same test kit consumers use (kyc-sim/testing). Defaults suit tests: manual clock,
// fixed seed, silent logs, short receiver timeout.
import type { Test } from 'tap';
import { startSimulator, type SimulatorHandle } from 'kyc-sim/testing';
import type { Simulator } from '../../src/simulator.js';

export interface TestServer {
  readonly url: string;
  readonly sim: Simulator;
  /** The test kit's handle, for what the HTTP helpers below do not cover. */
  readonly kit: SimulatorHandle;
  close(): Promise<void>;
  /** JSON request against the server; answers status, headers and parsed body. */
  call<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: T }>;
  advance(by: string): Promise<void>;
}

export async function startTestServer(t: Test, env: Record<string, string> = {}): Promise<TestServer> {
  const kit = await startSimulator({ env: { CLOCK: 'manual', SEED: '1', WEBHOOK_TIMEOUT: '2s', ...env } });
  t.teardown(() => kit.close());
  const server = { url: kit.url, sim: kit.simulator, kit, close: kit.close };
  const call: TestServer['call'] = async (method, path, body, headers = {}) => {
    const response = await fetch(server.url + path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // non-JSON bodies (pages, images) stay text
    }
    return { status: response.status, headers: response.headers, body: parsed as never };
  };
  return {
    ...server,
    close: server.close,
    call,
    async advance(by) {
      const res = await call('POST', '/__admin/clock/advance', { by });
      if (res.status !== 200) throw new Error(`advance failed: ${res.status} ${JSON.stringify(res.body)}`);
    },
  };
}

export const INVITE = { email: 'jane.citizen@example.com', code: 'KYCSIM' } as const;
