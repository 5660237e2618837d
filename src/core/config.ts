// Reads the environment once, validates every value and returns a frozen Config.
// Nothing below the CLI reads process.env.
import { fileURLToPath } from 'node:url';
import { parseDuration, parseRange, type DelayRange } from './duration.js';
import type { ClockMode } from './clock.js';
import { DEFAULT_VERIFIME_ORG_CODES } from './settings.js';

export type OrgStatus = 'Active' | 'Inactive';
export type OrgWorkflow = 'DEFAULT' | 'INDIVIDUAL_ONLY' | 'ORGANISATION_ONLY';

export interface OrganisationCode {
  readonly code: string;
  readonly status: OrgStatus;
  readonly workflow: OrgWorkflow;
  readonly returnUrl: string | null;
}

/** HTTPS_PORT: a second listener speaking HTTPS; files null = the bundled self-signed pair. */
export interface TlsConfig {
  readonly port: number;
  readonly certFile: string | null;
  readonly keyFile: string | null;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly tls: TlsConfig | null;
  /** PUBLIC_URL; null = http://localhost:<the port actually bound>. */
  readonly publicUrl: string | null;
  readonly clock: { readonly mode: ClockMode; readonly scale: number; readonly start: number | undefined };
  readonly seed: string | undefined;
  readonly scenariosDir: string;
  readonly phase2Delay: DelayRange;
  readonly webhookTimeoutMs: number | undefined;
  readonly deliveryConcurrency: number;
  readonly logLevel: string;
  /** KYC_SIM_IN_CONTAINER: running in a container, where localhost is the container itself. */
  readonly inContainer: boolean;
  readonly verifime: {
    readonly webhookUrl: string | undefined;
    readonly webhookSecret: string;
    readonly orgCodes: readonly OrganisationCode[];
    readonly retryIntervalMs: number;
    readonly retryMultiplier: number;
    readonly interimEvents: boolean;
  };
  readonly metamap: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly webhookUrl: string | undefined;
    readonly webhookSecret: string;
    readonly flowsFile: string | undefined;
    /** Cumulative offsets from the first failed attempt. */
    readonly retryScheduleMs: readonly number[];
    readonly expiryMs: number;
    readonly tokenTtlMs: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export const BUNDLED_SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));
export const MANUAL_CLOCK_START = Date.parse('2026-01-01T00:00:00.000Z');
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const CLOCK_MODES: readonly ClockMode[] = ['real', 'scaled', 'manual'];
const WORKFLOWS: readonly OrgWorkflow[] = ['DEFAULT', 'INDIVIDUAL_ONLY', 'ORGANISATION_ONLY'];

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}: "${raw}" is not allowed; use an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const number = (name: string, fallback: number, min: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) {
      problems.push(`${name}: "${raw}" is not allowed; use a number >= ${min}`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name}: "${raw}" is not allowed; use one of ${allowed.join(', ')}`);
      return fallback;
    }
    return raw as T;
  };
  const duration = (name: string, fallback: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const value = parseDuration(raw);
    if (value === undefined) {
      problems.push(`${name}: "${raw}" is not a duration; use e.g. 500ms, 30s, 15m or 2h`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, raw: string | undefined): string | undefined => {
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
      return raw;
    } catch {
      problems.push(`${name}: "${raw}" is not an absolute http(s) URL`);
      return undefined;
    }
  };

  const port = integer('PORT', 4010, 0, 65535);
  const host = get('HOST') ?? '127.0.0.1';
  const publicUrl = url('PUBLIC_URL', get('PUBLIC_URL'))?.replace(/\/+$/, '') ?? null;
  const tls = parseTls(get, integer, problems);

  const scaleRaw = get('TIME_SCALE');
  const scale = number('TIME_SCALE', 1, Number.MIN_VALUE);
  const clockDefault: ClockMode = scaleRaw !== undefined && scale !== 1 ? 'scaled' : 'real';
  const mode = oneOf('CLOCK', CLOCK_MODES, clockDefault);
  if (mode === 'real' && scaleRaw !== undefined && scale !== 1) {
    problems.push(`TIME_SCALE: ${scaleRaw} needs CLOCK=scaled (or leave CLOCK unset); CLOCK=real runs at scale 1`);
  }
  const startRaw = get('CLOCK_START');
  let start: number | undefined = mode === 'manual' ? MANUAL_CLOCK_START : undefined;
  if (startRaw !== undefined) {
    const parsed = Date.parse(startRaw);
    if (Number.isNaN(parsed)) problems.push(`CLOCK_START: "${startRaw}" is not an ISO 8601 date-time`);
    else if (mode === 'real') problems.push('CLOCK_START: only applies to CLOCK=scaled or CLOCK=manual');
    else start = parsed;
  }

  const phase2Raw = get('PHASE2_DELAY') ?? '1m-3m';
  let phase2Delay = parseRange(phase2Raw);
  if (!phase2Delay) {
    problems.push(`PHASE2_DELAY: "${phase2Raw}" is not allowed; use a duration like 90s or a range like 1m-3m`);
    phase2Delay = { min: 60_000, max: 180_000 };
  }

  const timeoutRaw = get('WEBHOOK_TIMEOUT');
  const webhookTimeoutMs = timeoutRaw === undefined ? undefined : duration('WEBHOOK_TIMEOUT', 30_000);

  const retryRaw = get('METAMAP_RETRY_SCHEDULE') ?? '1m,3m,5m,7m,10m';
  const retryScheduleMs = retryRaw.split(',').map((part) => parseDuration(part));
  const retryValid = retryScheduleMs.every((v, i, all) => v !== undefined && v > 0 && (i === 0 || v >= (all[i - 1] ?? 0)));
  if (!retryValid) problems.push(`METAMAP_RETRY_SCHEDULE: "${retryRaw}" is not allowed; use increasing durations such as 1m,3m,5m,7m,10m`);

  const orgCodes = parseOrgCodes(get('VERIFIME_ORG_CODES') ?? DEFAULT_VERIFIME_ORG_CODES, problems);

  const config: Config = {
    port,
    host,
    tls,
    publicUrl,
    clock: { mode, scale: mode === 'scaled' ? (scaleRaw === undefined ? 60 : scale) : 1, start },
    seed: get('SEED'),
    scenariosDir: get('SCENARIOS_DIR') ?? BUNDLED_SCENARIOS_DIR,
    phase2Delay,
    webhookTimeoutMs,
    deliveryConcurrency: integer('DELIVERY_CONCURRENCY', 16, 1, 1024),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    inContainer: oneOf('KYC_SIM_IN_CONTAINER', ['true', 'false'], 'false') === 'true',
    verifime: {
      webhookUrl: url('VERIFIME_WEBHOOK_URL', get('VERIFIME_WEBHOOK_URL')),
      webhookSecret: get('VERIFIME_WEBHOOK_SECRET') ?? 'kyc-sim-verifime-secret',
      orgCodes,
      retryIntervalMs: duration('VERIFIME_RETRY_INTERVAL', 15 * 60_000),
      retryMultiplier: number('VERIFIME_RETRY_MULTIPLIER', 1, 1),
      interimEvents: oneOf('VERIFIME_INTERIM_EVENTS', ['true', 'false'], 'true') === 'true',
    },
    metamap: {
      clientId: get('METAMAP_CLIENT_ID') ?? 'kyc-sim-client',
      clientSecret: get('METAMAP_CLIENT_SECRET') ?? 'kyc-sim-client-secret',
      webhookUrl: url('METAMAP_WEBHOOK_URL', get('METAMAP_WEBHOOK_URL')),
      webhookSecret: get('METAMAP_WEBHOOK_SECRET') ?? 'KycSimMetamapSecret1',
      flowsFile: get('METAMAP_FLOWS'),
      retryScheduleMs: retryValid ? (retryScheduleMs as number[]) : [60_000, 180_000, 300_000, 420_000, 600_000],
      expiryMs: duration('METAMAP_EXPIRY', 30 * 60_000),
      tokenTtlMs: duration('METAMAP_TOKEN_TTL', 60 * 60_000),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

function parseTls(
  get: (name: string) => string | undefined,
  integer: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
): TlsConfig | null {
  const certFile = get('TLS_CERT') ?? null;
  const keyFile = get('TLS_KEY') ?? null;
  if ((certFile === null) !== (keyFile === null)) problems.push('TLS_CERT and TLS_KEY: give both (PEM files) or neither (the bundled self-signed pair)');
  if (get('HTTPS_PORT') === undefined) {
    if (certFile !== null || keyFile !== null) problems.push('TLS_CERT / TLS_KEY: only used with HTTPS_PORT; set HTTPS_PORT too');
    return null;
  }
  return { port: integer('HTTPS_PORT', 4443, 0, 65535), certFile, keyFile };
}

function parseOrgCodes(raw: string, problems: string[]): OrganisationCode[] {
  const codes: OrganisationCode[] = [];
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [code, status, workflow, ...rest] = item.split(':');
    const returnUrl = rest.length > 0 ? rest.join(':') : null;
    if (!/^[A-Za-z0-9]+$/.test(code ?? '')) {
      problems.push(`VERIFIME_ORG_CODES: "${item}" needs a letters-and-digits code; format CODE:Active|Inactive:WORKFLOW[:RETURN_URL]`);
      continue;
    }
    if (status !== 'Active' && status !== 'Inactive') {
      problems.push(`VERIFIME_ORG_CODES: "${item}" has status "${status ?? ''}"; use Active or Inactive`);
      continue;
    }
    const flow = (workflow ?? 'DEFAULT') as OrgWorkflow;
    if (!WORKFLOWS.includes(flow)) {
      problems.push(`VERIFIME_ORG_CODES: "${item}" has workflow "${workflow}"; use one of ${WORKFLOWS.join(', ')}`);
      continue;
    }
    codes.push({ code, status, workflow: flow, returnUrl });
  }
  if (codes.length === 0) problems.push('VERIFIME_ORG_CODES: at least one organisation code is required');
  return codes;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
