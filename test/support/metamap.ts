// Helpers for the MetaMap end-to-end tests: a token, a verification, multipart uploads the
// way MetaMap's SDKs send them (global FormData + Blob), and a server wired to a receiver.
import type { Test } from 'tap';
import { startReceiver, type Receiver } from './receiver.js';
import { startTestServer, type TestServer } from './server.js';

export const FLOW_ID = '60b8fd58a87c30001b14dedd';
export const WEBHOOK_SECRET = 'MetaSecret12345678';
export const CLIENT_ID = 'kyc-sim-client';
export const CLIENT_SECRET = 'kyc-sim-client-secret';
export const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const SEC = 1000;
export const MIN = 60_000;

/** Bytes that look like a JPEG and an MP4; the simulator keeps them as uploaded. */
export const PASSPORT_JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('kyc-sim test passport'), Buffer.from([0xff, 0xd9])]);
export const SELFIE_MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42 kyc-sim test selfie video')]);

export const basic = (id = CLIENT_ID, secret = CLIENT_SECRET) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** POST /oauth with a form body, as the SDKs do. */
export async function oauth(server: TestServer, authorization: string | undefined, body = 'grant_type=client_credentials', path = '/oauth') {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(server.url + path, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

export async function bearer(server: TestServer): Promise<Record<string, string>> {
  const res = await oauth(server, basic());
  if (res.status !== 200) throw new Error(`oauth failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { authorization: `Bearer ${res.body.access_token as string}` };
}

export interface InputSpec {
  inputType: string;
  group?: number;
  data: Record<string, unknown> & { filename: string };
}

export const passportInput = (filename = 'passport.jpg'): InputSpec => ({
  inputType: 'document-photo',
  group: 0,
  data: { type: 'passport', country: 'MX', region: '', page: 'front', filename },
});
export const videoInput = (filename = 'selfie.mp4'): InputSpec => ({ inputType: 'selfie-video', data: { filename } });

export interface FilePart {
  field: string;
  filename: string;
  type: string;
  bytes: Buffer;
}
export const passportFile = (filename = 'passport.jpg'): FilePart => ({ field: 'document', filename, type: 'image/jpeg', bytes: PASSPORT_JPG });
export const videoFile = (filename = 'selfie.mp4'): FilePart => ({ field: 'video', filename, type: 'video/mp4', bytes: SELFIE_MP4 });

/** POST /v2/identities/{identity}/send-input; `inputs` is sent as given when it is a string. */
export async function sendInput(server: TestServer, auth: Record<string, string>, identity: string, inputs: InputSpec[] | string | undefined, files: FilePart[]) {
  const form = new FormData();
  if (inputs !== undefined) form.append('inputs', typeof inputs === 'string' ? inputs : JSON.stringify(inputs));
  for (const f of files) form.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.filename);
  const res = await fetch(`${server.url}/v2/identities/${identity}/send-input`, { method: 'POST', headers: auth, body: form });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // left as text
  }
  return { status: res.status, body };
}

/** The usual upload: a passport front (one-sided) and the liveness video. */
export const uploadPassportAndVideo = (server: TestServer, auth: Record<string, string>, identity: string) =>
  sendInput(server, auth, identity, [passportInput(), videoInput()], [passportFile(), videoFile()]);

export async function createVerification(server: TestServer, auth: Record<string, string>, metadata?: Record<string, unknown>) {
  return server.call('POST', '/v2/verifications', metadata === undefined ? { flowId: FLOW_ID } : { flowId: FLOW_ID, metadata }, auth);
}

/** The verification id MetaMap derives from an identity id: identity + 2. */
export const plusTwo = (hex: string) => ((BigInt(`0x${hex}`) + 2n) % (1n << 96n)).toString(16).padStart(24, '0');

export interface Setup {
  server: TestServer;
  receiver: Receiver;
  auth: Record<string, string>;
}

export async function setupMetamap(t: Test, env: Record<string, string> = {}): Promise<Setup> {
  const receiver = await startReceiver({ secret: WEBHOOK_SECRET, signatureHeader: 'x-signature' });
  t.teardown(() => receiver.close());
  const server = await startTestServer(t, {
    METAMAP_WEBHOOK_URL: receiver.url,
    METAMAP_WEBHOOK_SECRET: WEBHOOK_SECRET,
    PHASE2_DELAY: '2m',
    ...env,
  });
  return { server, receiver, auth: await bearer(server) };
}

/** Polls until `check` holds (for work the simulator does in the background). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
