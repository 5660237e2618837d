// POST /oauth and POST /oauth/token issue a JWT (HS256, per-simulator key) that expires on
// the simulator's clock; every other API call needs it as a Bearer token (reference §2).
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Simulator } from '../../simulator.js';

const MAX_REMEMBERED = 10_000;

export interface TokenIssuer {
  readonly merchantId: string;
  /** POST /oauth's answer (§2.1). */
  issue(): Promise<{ access_token: string; expiresIn: number; payload: { user: { _id: string } } }>;
  /** POST /oauth/token's answer (§2.2): the same kind of token, OAuth 2 field names. */
  issueScoped(scope: string): Promise<{ access_token: string; expires_in: number; scope: string; token_type: 'bearer' }>;
  /** True when an Authorization header carries a Bearer token of ours, not expired on the simulator's clock. */
  accepts(header: string | undefined): Promise<boolean>;
  /** The same answer without waiting, unless the header's token is new (then undefined). */
  acceptsKnown(header: string | undefined): boolean | undefined;
}

const bearerToken = (header: string | undefined): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];

export function createTokenIssuer(sim: Simulator): TokenIssuer {
  const random = sim.random.fork('metamap/oauth');
  const key = Buffer.from(random.hex(32), 'hex');
  const merchantId = `${Math.floor(sim.clock.now() / 1000).toString(16).padStart(8, '0')}${random.hex(8)}`;
  // Signature checks cost ~150 µs each and SDKs send the same token on every call: remember
  // each verified token's expiry (seconds) and only compare it with the clock next time.
  const verified = new Map<string, number>();
  // The last header accepted, as a whole: a client sends the same one on every call for an
  // hour, and comparing it costs less than parsing it and hashing its token for the map.
  let lastHeader: string | undefined;
  let lastExp = 0;
  const stillValid = (exp: number) => Math.floor(sim.clock.now() / 1000) < exp;
  const sign = async () => {
    const now = Math.floor(sim.clock.now() / 1000);
    const ttl = Math.floor(sim.config.metamap.tokenTtlMs / 1000);
    const token = await new SignJWT({ user: { _id: merchantId } })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(now)
      .setExpirationTime(now + ttl)
      .setJti(sim.stream('metamap/oauth-tokens').hex(8))
      .sign(key);
    return { token, ttl };
  };
  const acceptsKnown = (header: string | undefined): boolean | undefined => {
    if (header === lastHeader && header !== undefined) return stillValid(lastExp);
    const token = bearerToken(header);
    if (token === undefined) return false;
    const exp = verified.get(token);
    if (exp === undefined) return undefined;
    lastHeader = header;
    lastExp = exp;
    return stillValid(exp);
  };
  return {
    merchantId,
    async issue() {
      const { token, ttl } = await sign();
      return { access_token: token, expiresIn: ttl, payload: { user: { _id: merchantId } } };
    },
    async issueScoped(scope) {
      const { token, ttl } = await sign();
      return { access_token: token, expires_in: ttl, scope, token_type: 'bearer' };
    },
    acceptsKnown,
    async accepts(header) {
      const known = acceptsKnown(header);
      if (known !== undefined) return known;
      // A well-formed Bearer header whose token was not verified before.
      const token = bearerToken(header)!;
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(sim.clock.now()) });
        if (typeof payload.exp !== 'number') return false;
        if (verified.size >= MAX_REMEMBERED) verified.clear();
        verified.set(token, payload.exp);
        return stillValid(payload.exp);
      } catch (error) {
        if (error instanceof joseErrors.JOSEError || error instanceof TypeError) return false;
        throw error;
      }
    },
  };
}

/** client_id and client_secret from `Authorization: Basic …`, or null when unreadable. */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
