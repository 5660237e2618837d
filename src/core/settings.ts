// Every environment variable kyc-sim reads, with its default and meaning. This table is
// the single source for configuration parsing, the README table and `kyc-sim --help`.
export interface Setting {
  readonly name: string;
  readonly default: string;
  readonly description: string;
}

export const DEFAULT_VERIFIME_ORG_CODES =
  'KYCSIM:Active:DEFAULT,KYCIND:Active:INDIVIDUAL_ONLY,KYCORG:Active:ORGANISATION_ONLY,KYCOFF:Inactive:DEFAULT';

export const SETTINGS: readonly Setting[] = [
  { name: 'PORT', default: '4010', description: 'TCP port to listen on' },
  { name: 'HOST', default: '127.0.0.1', description: 'interface to bind (0.0.0.0 inside containers)' },
  { name: 'HTTPS_PORT', default: '(none)', description: 'also serve HTTPS on this port (bundled self-signed certificate for localhost and the providers\' hostnames)' },
  { name: 'TLS_CERT', default: 'bundled fixtures/tls/kyc-sim.crt', description: 'PEM certificate (chain) for HTTPS_PORT; with TLS_KEY' },
  { name: 'TLS_KEY', default: 'bundled fixtures/tls/kyc-sim.key', description: 'PEM private key for HTTPS_PORT; with TLS_CERT' },
  { name: 'PUBLIC_URL', default: 'http://localhost:$PORT', description: 'base of every URL kyc-sim hands out (invite, QR, resource, portal)' },
  { name: 'CLOCK', default: 'real', description: 'real, scaled or manual (manual: time moves only via POST /__admin/clock/advance)' },
  { name: 'TIME_SCALE', default: '1', description: 'simulated ms per real ms; 60 = one simulated minute per second (implies CLOCK=scaled)' },
  { name: 'CLOCK_START', default: 'now (manual: 2026-01-01T00:00:00Z)', description: 'simulated start time (ISO 8601) for scaled and manual clocks' },
  { name: 'SEED', default: 'random, printed at start', description: 'seed for ids, generated names, delays and payload bytes' },
  { name: 'SCENARIOS_DIR', default: 'bundled scenarios/', description: 'folder with verifime/ and metamap/ scenario files' },
  { name: 'PHASE2_DELAY', default: '1m-3m', description: 'delay from end of data entry to the verdict (fixed "90s" or range "1m-3m")' },
  { name: 'WEBHOOK_TIMEOUT', default: 'per provider (VerifiMe 30s)', description: 'real-time limit for a receiver to answer one delivery attempt' },
  { name: 'DELIVERY_CONCURRENCY', default: '16', description: 'concurrent delivery attempts per registered endpoint' },
  { name: 'VERIFIME_WEBHOOK_URL', default: '(none)', description: 'endpoint registered at start for every organisation code' },
  { name: 'VERIFIME_WEBHOOK_SECRET', default: 'kyc-sim-verifime-secret', description: 'HMAC secret of VERIFIME_WEBHOOK_URL' },
  { name: 'VERIFIME_ORG_CODES', default: DEFAULT_VERIFIME_ORG_CODES, description: 'organisation codes as CODE:Active|Inactive:WORKFLOW[:RETURN_URL], comma separated' },
  { name: 'VERIFIME_RETRY_INTERVAL', default: '15m', description: 'wait between VerifiMe delivery attempts' },
  { name: 'VERIFIME_RETRY_MULTIPLIER', default: '1', description: 'growth of the VerifiMe wait per attempt (1 = fixed interval)' },
  { name: 'VERIFIME_INTERIM_EVENTS', default: 'true', description: 'send PENDING/PRELIMINARY events (newer docs); false = ASSESSED only (older docs)' },
  { name: 'METAMAP_CLIENT_ID', default: 'kyc-sim-client', description: 'MetaMap client_id accepted by POST /oauth (HTTP Basic)' },
  { name: 'METAMAP_CLIENT_SECRET', default: 'kyc-sim-client-secret', description: 'MetaMap client_secret accepted by POST /oauth' },
  { name: 'METAMAP_WEBHOOK_URL', default: '(none)', description: 'endpoint registered at start for every MetaMap flow' },
  { name: 'METAMAP_WEBHOOK_SECRET', default: 'KycSimMetamapSecret1', description: 'HMAC secret of METAMAP_WEBHOOK_URL (x-signature)' },
  { name: 'METAMAP_FLOWS', default: 'one flow, id 60b8fd58a87c30001b14dedd', description: 'path of a JSON/YAML file with the flows (id, name, documents, steps); see README' },
  { name: 'METAMAP_RETRY_SCHEDULE', default: '1m,3m,5m,7m,10m', description: 'retry times after the first failed attempt, cumulative; then dead-letter' },
  { name: 'METAMAP_EXPIRY', default: '30m', description: 'verification_expired when inputs are not complete this long after creation' },
  { name: 'METAMAP_TOKEN_TTL', default: '1h', description: 'lifetime of an access token from POST /oauth (clock time)' },
  { name: 'LOG_LEVEL', default: 'info', description: 'fatal, error, warn, info, debug, trace or silent' },
  { name: 'KYC_SIM_IN_CONTAINER', default: 'false', description: 'true in the Docker image: warn when a webhook URL points at the container\'s own loopback' },
];
