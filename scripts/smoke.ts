// Smoke test of a running kyc-sim (a container, usually): a whole VerifiMe flow and a whole
// MetaMap flow through `kyc-sim trigger`, with a local webhook receiver that checks every
// delivery arrives signed with the endpoint's secret. Best with a scaled clock (TIME_SCALE=60).
//
//   BASE_URL=http://127.0.0.1:4010 RECEIVER_HOST=host.containers.internal node --import tsx scripts/smoke.ts
//
// BASE_URL       the kyc-sim to test (required)
// RECEIVER_HOST  how kyc-sim reaches this machine: 127.0.0.1 for a local process,
//                host.containers.internal (podman) or host.docker.internal (Docker) for a container
// SMOKE_EXPECT_CONTAINER=true  also check that registering a loopback URL answers a warning
// SMOKE_FLOWS=false            only the health and registration checks (any clock)
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const BASE_URL = process.env.BASE_URL?.replace(/\/+$/, '');
const RECEIVER_HOST = process.env.RECEIVER_HOST ?? '127.0.0.1';
const EXPECT_CONTAINER = process.env.SMOKE_EXPECT_CONTAINER === 'true';
const FLOWS = process.env.SMOKE_FLOWS !== 'false';
const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const SECRETS = { verifime: 'smoke-verifime-secret', metamap: 'SmokeMetamapSecret1' } as const;
const SIGNATURE_HEADERS = { verifime: 'x-verifime-signature', metamap: 'x-signature' } as const;
const FLOW_SCENARIOS = { verifime: 'progressive', metamap: 'review-negligence' } as const;

type ProviderId = keyof typeof SECRETS;
interface Hit {
  provider: ProviderId;
  event: string;
  signed: boolean;
}

const failures: string[] = [];
const check = (ok: boolean, what: string): void => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

async function api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(BASE_URL + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

function runTrigger(provider: ProviderId, scenario: string): Promise<{ code: number | null; lines: Record<string, unknown>[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'trigger', provider, scenario, '--url', BASE_URL!, '--json', '--timeout', '120s'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => {
      const lines = out
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      for (const line of lines) if (line.type === 'attempt') console.log(`     ${provider} ${String(line.event)} → ${String(line.status)} ${String(line.outcome)}`);
      resolve({ code, lines, stderr: err });
    });
  });
}

async function main(): Promise<void> {
  if (!BASE_URL) throw new Error('set BASE_URL to the kyc-sim under test, e.g. http://127.0.0.1:4010');
  const health = await api('GET', '/__admin/health');
  check(health.status === 200 && health.body.status === 'ok' && health.body.ready === true, `GET /__admin/health is ready (${health.body?.clock?.mode} clock, ${health.body?.scenarios} scenarios)`);

  const loopback = await api('POST', '/__admin/webhooks', { provider: 'verifime', url: 'http://localhost:3000/hook', scope: 'KYCOFF' });
  check(loopback.status === 201, 'a loopback webhook URL can be registered');
  if (EXPECT_CONTAINER) check(typeof loopback.body.warning === 'string' && /loopback/.test(loopback.body.warning), 'inside the container it answers a loopback warning');
  if (loopback.status === 201) await api('DELETE', `/__admin/webhooks/${loopback.body.id}`);
  if (!FLOWS) return;

  const hits: Hit[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const provider: ProviderId = req.url?.startsWith('/metamap') ? 'metamap' : 'verifime';
      const expected = createHmac('sha256', SECRETS[provider]).update(body, 'utf8').digest('hex');
      const json = JSON.parse(body) as { eventName?: string };
      hits.push({ provider, event: json.eventName ?? '?', signed: req.headers[SIGNATURE_HEADERS[provider]] === expected });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '0.0.0.0', resolve));
  const port = (receiver.address() as AddressInfo).port;
  const endpointIds: string[] = [];
  try {
    for (const provider of ['verifime', 'metamap'] as const) {
      const url = `http://${RECEIVER_HOST}:${port}/${provider}`;
      const registered = await api('POST', '/__admin/webhooks', { provider, url, secret: SECRETS[provider] });
      check(registered.status === 201, `registered ${url} for ${provider}`);
      if (registered.status === 201) endpointIds.push(registered.body.id);
    }
    const started = performance.now();
    const [verifime, metamap] = await Promise.all([
      runTrigger('verifime', FLOW_SCENARIOS.verifime),
      runTrigger('metamap', FLOW_SCENARIOS.metamap),
    ]);
    for (const [provider, run] of [['verifime', verifime], ['metamap', metamap]] as const) {
      const attempts = run.lines.filter((l) => l.type === 'attempt');
      const done = run.lines.find((l) => l.type === 'done');
      check(run.code === 0 && done !== undefined, `kyc-sim trigger ${provider} ${FLOW_SCENARIOS[provider]} finished (exit ${run.code})${run.code === 0 ? '' : `: ${run.stderr.trim()}`}`);
      check(attempts.length > 0 && attempts.every((a) => a.outcome === 'delivered'), `${provider}: all ${attempts.length} delivery attempts delivered`);
      const received = hits.filter((h) => h.provider === provider);
      check(received.length === attempts.length, `${provider}: the receiver got ${received.length} webhooks (${attempts.length} attempts reported)`);
      check(received.length > 0 && received.every((h) => h.signed), `${provider}: every webhook carries a valid ${SIGNATURE_HEADERS[provider]}`);
    }
    const events = (p: ProviderId) => hits.filter((h) => h.provider === p).map((h) => h.event);
    check(events('verifime').filter((e) => e === 'RISK_ASSESSMENT_UPDATED').length === 3, 'verifime progressive: PENDING, PRELIMINARY and ASSESSED arrived');
    check(
      ['verification_started', 'verification_inputs_completed', 'step_completed', 'verification_completed'].every((e) => events('metamap').includes(e)),
      `metamap review-negligence: ${events('metamap').length} events from verification_started to verification_completed`,
    );
    console.log(`     both flows took ${((performance.now() - started) / 1000).toFixed(1)}s of real time`);
  } finally {
    for (const id of endpointIds) await api('DELETE', `/__admin/webhooks/${id}`);
    receiver.closeAllConnections();
    receiver.close();
  }
}

main().then(
  () => {
    console.log(failures.length === 0 ? 'smoke: PASS' : `smoke: FAIL (${failures.length})`);
    process.exitCode = failures.length === 0 ? 0 : 1;
  },
  (error: unknown) => {
    console.error(`smoke: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  },
);
