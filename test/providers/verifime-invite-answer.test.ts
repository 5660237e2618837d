// The invite answer is built as JSON text from parts prepared per PUBLIC_URL; it must be
// exactly what JSON.stringify makes of the answer object, whatever PUBLIC_URL holds.
import t from 'tap';
import { inviteAnswerMaker } from '../../src/providers/verifime/invite-answer.js';
import { inviteUrl, qrCodeUrl } from '../../src/providers/verifime/urls.js';

const expected = (publicUrl: string, trackingReference: string) => {
  const invite = inviteUrl(publicUrl, trackingReference);
  return JSON.stringify({ trackingReference, inviteUrl: invite, qrCodeUrl: qrCodeUrl(publicUrl, invite) });
};

const REFERENCES = ['94a6fedd-0f23-4bbd-80eb-d30cae39cb14', '00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-4fff-bfff-ffffffffffff'];
const PUBLIC_URLS = [
  'http://localhost:4010',
  'https://kyc-sim.example.test/base/path',
  'http://127.0.0.1:39211',
  // Characters JSON escapes, URL-encodes, or both; and text outside ASCII and the BMP.
  'http://host/"quoted"\\back\\slash',
  'http://host/tab\there/line\nbreak/\u0001',
  'https://exämple.test/ünï/😀/%41?x=1&y=2#frag',
  'http://host/\u2028\u2029/separators',
];

t.test('equals JSON.stringify of the answer object for every PUBLIC_URL', async (t) => {
  const answer = inviteAnswerMaker();
  // Named by index: a U+2028 in an assertion name would break the TAP line.
  for (const [u, publicUrl] of PUBLIC_URLS.entries()) {
    for (const reference of REFERENCES) t.equal(answer(publicUrl, reference), expected(publicUrl, reference), `PUBLIC_URL #${u}, ${reference}`);
  }
});

t.test('follows PUBLIC_URL when it changes between calls, and back', async (t) => {
  const answer = inviteAnswerMaker();
  const [a, b] = PUBLIC_URLS;
  for (const publicUrl of [a, b, a, a, b]) t.equal(answer(publicUrl, REFERENCES[0]), expected(publicUrl, REFERENCES[0]), publicUrl);
  t.same(JSON.parse(answer(a, REFERENCES[1])), { trackingReference: REFERENCES[1], inviteUrl: `${a}/sign-up/track-id/${REFERENCES[1]}`, qrCodeUrl: `${a}/qr?url=${encodeURIComponent(`${a}/sign-up/track-id/${REFERENCES[1]}`)}` });
});
