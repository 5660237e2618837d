// HMAC-SHA256 over the exact bytes sent. No header names or provider knowledge here.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256Hex(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function verifyHmacSha256Hex(secret: string, body: string | Buffer, signature: string): boolean {
  const expected = Buffer.from(hmacSha256Hex(secret, body), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
