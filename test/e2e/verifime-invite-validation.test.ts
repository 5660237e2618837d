// POST /v1/user/invite validation over real HTTP: VerifiMe's 400 envelope
// { request, validationResults[] } (reference/verifime-api.md §4), the tracking status
// errors (§5) and the forward-only status lifecycle.
import t, { type Test } from 'tap';
import { INVITE, startTestServer } from '../support/server.js';

const RESULT_KEYS = ['path', 'name', 'resultType', 'resultName', 'resultScope', 'message'];
const REQUEST_KEYS = ['email', 'code', 'referenceData', 'customerContext', 'sendInvitationEmail'];
const CONTEXT_KEYS = ['fullName', 'firstName', 'familyName', 'middleName', 'dateOfBirth', 'preferredContactNumber', 'address'];
const SCENARIOS = ['extreme', 'faulty-delivery', 'high', 'low', 'medium', 'no-risk-detected', 'pep', 'pep-sanction', 'progressive', 'sanction', 'slow'];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Result = { path: string; name: string; resultType: string; resultName: string; resultScope: string; message: string };
type Call = { status: number; headers: Headers; body: any };

/** Asserts a 400 in VerifiMe's envelope and answers its results. */
function envelope(t: Test, res: Call, status = 400): Result[] {
  t.equal(res.status, status, `answers ${status}`);
  t.match(res.headers.get('content-type'), /^application\/json/);
  t.same(Object.keys(res.body ?? {}), ['request', 'validationResults'], 'only request and validationResults');
  t.ok(Array.isArray(res.body.validationResults) && res.body.validationResults.length > 0, 'at least one result');
  for (const r of res.body.validationResults as Result[]) {
    t.same(Object.keys(r), RESULT_KEYS, `result ${r.resultName} has exactly the documented fields`);
    t.equal(r.resultType, 'Error');
  }
  return res.body.validationResults;
}

/** Asserts the request echo: every known field present, absent ones null. */
function echo(t: Test, res: Call, expected: Record<string, unknown>) {
  t.same(Object.keys(res.body.request), REQUEST_KEYS, 'request echo lists every top-level field');
  if (res.body.request.customerContext !== null) t.same(Object.keys(res.body.request.customerContext), CONTEXT_KEYS);
  t.same(res.body.request, { email: null, code: null, referenceData: null, customerContext: null, sendInvitationEmail: false, ...expected });
}

const names = (results: Result[]) => results.map((r) => `${r.path}/${r.name}:${r.resultName}`);

t.test('invite validation', async (t) => {
  const server = await startTestServer(t);
  const invite = (body: unknown) => server.call('POST', '/v1/user/invite', body);

  t.test('the documented example, field for field and in order', async (t) => {
    const request = { email: 'jack@example.com', code: 'TESTCODE', customerContext: { firstName: 'Jack test2', familyName: 'Smith' } };
    const res = await invite(request);
    envelope(t, res);
    t.same(res.body, {
      request: {
        email: 'jack@example.com',
        code: 'TESTCODE',
        referenceData: null,
        customerContext: { fullName: null, firstName: 'Jack test2', familyName: 'Smith', middleName: null, dateOfBirth: null, preferredContactNumber: null, address: null },
        sendInvitationEmail: false,
      },
      validationResults: [
        { path: '', name: 'code', resultType: 'Error', resultName: 'InvalidOrganisationCodeLength', resultScope: 'Field', message: 'Supplied organisation code is not the correct length' },
        { path: 'customerContext', name: 'firstName', resultType: 'Error', resultName: 'PersonNameInvalidCharacter', resultScope: 'Field', message: 'A person name is not allowed to have the character at position 9' },
      ],
    });
    // Same problems, keys in the opposite order: the answer keeps request order (code first).
    const reversed = await invite({ customerContext: request.customerContext, code: 'TESTCODE', email: 'jack@example.com' });
    t.same(names(envelope(t, reversed)), ['/code:InvalidOrganisationCodeLength', 'customerContext/firstName:PersonNameInvalidCharacter']);
  });

  t.test('missing email and code are FieldRequired', async (t) => {
    const none = await invite({});
    t.same(names(envelope(t, none)), ['/email:FieldRequired', '/code:FieldRequired']);
    echo(t, none, {});
    t.match(none.body.validationResults, [{ resultScope: 'Field', message: /email/ }, { resultScope: 'Field', message: /organisation code/ }]);

    const noEmail = await invite({ code: 'KYCSIM' });
    t.same(names(envelope(t, noEmail)), ['/email:FieldRequired']);
    echo(t, noEmail, { code: 'KYCSIM' });

    const noCode = await invite({ email: INVITE.email, referenceData: 'app-1' });
    t.same(names(envelope(t, noCode)), ['/code:FieldRequired']);
    echo(t, noCode, { email: INVITE.email, referenceData: 'app-1' });

    const nulls = await invite({ email: null, code: null });
    t.same(names(envelope(t, nulls)), ['/email:FieldRequired', '/code:FieldRequired'], 'explicit nulls count as missing');
    const blanks = await invite({ email: '', code: '  ' });
    t.same(names(envelope(t, blanks)), ['/email:FieldRequired', '/code:FieldRequired'], 'blank strings count as missing');
  });

  t.test('malformed email is InvalidEmailAddress', async (t) => {
    for (const email of ['not-an-email', 'jane@', '@example.com', 'jane citizen@example.com']) {
      const res = await invite({ ...INVITE, email });
      t.same(names(envelope(t, res)), ['/email:InvalidEmailAddress'], email);
      t.equal(res.body.request.email, email, 'the bad value is echoed as sent');
    }
  });

  t.test('symbols and digits in person names give the 0-based position', async (t) => {
    const res = await invite({
      ...INVITE,
      customerContext: { fullName: 'Bob Smith#', firstName: 'J@ne', familyName: 'Sm!th', middleName: 'Ann3' },
    });
    const results = envelope(t, res);
    t.same(names(results), [
      'customerContext/fullName:PersonNameInvalidCharacter',
      'customerContext/firstName:PersonNameInvalidCharacter',
      'customerContext/familyName:PersonNameInvalidCharacter',
      'customerContext/middleName:PersonNameInvalidCharacter',
    ]);
    t.same(
      results.map((r) => r.message),
      [9, 1, 2, 3].map((p) => `A person name is not allowed to have the character at position ${p}`),
    );
    echo(t, res, {
      ...INVITE,
      customerContext: { fullName: 'Bob Smith#', firstName: 'J@ne', familyName: 'Sm!th', middleName: 'Ann3', dateOfBirth: null, preferredContactNumber: null, address: null },
    });
    const ok = await invite({ ...INVITE, customerContext: { firstName: 'Zoë', familyName: "O'Brien-Núñez", middleName: 'J.' } });
    t.equal(ok.status, 200, 'letters of any script, apostrophes, hyphens and full stops are accepted');
  });

  t.test('organisation codes: unknown of the right length, inactive, case', async (t) => {
    const unknown = await invite({ ...INVITE, code: 'NOPE01' });
    t.same(names(envelope(t, unknown)), ['/code:InvalidOrganisationCode']);
    t.equal(unknown.body.validationResults[0].resultScope, 'Field');
    const inactive = await invite({ ...INVITE, code: 'KYCOFF' });
    t.same(names(envelope(t, inactive)), ['/code:InactiveOrganisationCode']);
    t.same(names(envelope(t, await invite({ ...INVITE, code: 'KYC' }))), ['/code:InvalidOrganisationCodeLength']);
  });

  t.test('wrong JSON types are InvalidFieldType, never coerced', async (t) => {
    const res = await invite({ email: 123, code: 'KYCSIM', sendInvitationEmail: 'yes', customerContext: 'x' });
    const results = envelope(t, res);
    t.same(names(results), ['/email:InvalidFieldType', '/customerContext:InvalidFieldType', '/sendInvitationEmail:InvalidFieldType']);
    echo(t, res, { code: 'KYCSIM' });
    const nested = await invite({ ...INVITE, customerContext: { firstName: 42 }, referenceData: ['a'] });
    t.same(names(envelope(t, nested)), ['/referenceData:InvalidFieldType', 'customerContext/firstName:InvalidFieldType']);
    const code = await invite({ email: INVITE.email, code: 123456 });
    t.same(names(envelope(t, code)), ['/code:InvalidFieldType']);
  });

  t.test('dateOfBirth must be an ISO 8601 date', async (t) => {
    for (const dateOfBirth of ['15/01/1990', '1990-13-45', '1990-01-15T00:00:00Z', 'yesterday']) {
      const res = await invite({ ...INVITE, customerContext: { dateOfBirth } });
      const results = envelope(t, res);
      t.same(names(results), ['customerContext/dateOfBirth:InvalidDateOfBirth'], dateOfBirth);
      t.equal(res.body.request.customerContext.dateOfBirth, dateOfBirth);
    }
    t.equal((await invite({ ...INVITE, customerContext: { dateOfBirth: '1990-01-15' } })).status, 200);
  });

  t.test('an empty string in an optional field is a blank form field, not an error', async (t) => {
    const context = { fullName: '', firstName: '', familyName: '', middleName: '', dateOfBirth: '', preferredContactNumber: '', address: '', callbackUrl: '' };
    const res = await invite({ ...INVITE, referenceData: '', customerContext: context });
    t.equal(res.status, 200, JSON.stringify(res.body));
    const bad = await invite({ ...INVITE, customerContext: { dateOfBirth: ' ', callbackUrl: ' ' } });
    t.same(names(envelope(t, bad)), ['customerContext/dateOfBirth:InvalidDateOfBirth', 'customerContext/callbackUrl:InvalidCallbackUrl'], 'a space is still not a date or URL');
  });

  t.test('contact number and callbackUrl', async (t) => {
    const res = await invite({ ...INVITE, customerContext: { preferredContactNumber: 'call me', callbackUrl: 'not a url' } });
    t.same(names(envelope(t, res)), ['customerContext/preferredContactNumber:InvalidContactNumber', 'customerContext/callbackUrl:InvalidCallbackUrl']);
    const custom = await invite({ ...INVITE, customerContext: { preferredContactNumber: '+61 (4) 1234-5678', callbackUrl: 'myapp://callback' } });
    t.equal(custom.status, 200, 'any URI scheme works as a return URL (§8)');
  });

  t.test('bodies that are not a JSON object never answer 500', async (t) => {
    const post = async (body: string | undefined, contentType?: string): Promise<Call> => {
      const res = await fetch(`${server.url}/v1/user/invite`, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: JSON.parse(text) };
    };
    for (const [label, body] of [['not JSON', '{bad'], ['a JSON array', '[1,2]'], ['JSON null', 'null'], ['a JSON string', '"x"'], ['empty', '']] as const) {
      const res = await post(body, 'application/json');
      t.same(names(envelope(t, res)), ['/:InvalidRequestBody'], label);
      t.equal(res.body.validationResults[0].resultScope, 'Request', `${label}: a request-scoped result`);
      echo(t, res, {});
    }
    t.same(names(envelope(t, await post(undefined))), ['/:InvalidRequestBody'], 'no body and no content type');
    const xml = await post('<invite/>', 'application/xml');
    t.same(names(envelope(t, xml, 415)), ['/:UnsupportedMediaType']);
    echo(t, xml, {});
    t.equal(xml.body.request.code, null, 'a client reading body.request.code gets null, not a TypeError');
    const text = await post('email=a@b.co', 'text/plain');
    t.same(names(envelope(t, text, 415)), ['/:UnsupportedMediaType'], 'text/plain is refused like any non-JSON type');
  });

  t.test('unknown scenario in referenceData lists the valid ones', async (t) => {
    const res = await invite({ ...INVITE, referenceData: 'scenario=nope' });
    const [result] = envelope(t, res);
    t.match(result, { path: '', name: 'referenceData', resultName: 'UnknownSimulatorScenario', resultScope: 'Field' });
    t.match(result.message, /"nope"/);
    for (const name of SCENARIOS) t.ok(result.message.split(/[:,]\s*/).includes(name), `message lists ${name}`);
    echo(t, res, { ...INVITE, referenceData: 'scenario=nope' });
    const json = await invite({ ...INVITE, referenceData: '{"scenario":"nope"}' });
    t.same(names(envelope(t, json)), ['/referenceData:UnknownSimulatorScenario'], 'JSON referenceData too');
  });

  t.test('a valid full request', async (t) => {
    const res = await invite({
      email: 'jane.citizen@example.com',
      code: 'KYCSIM',
      referenceData: 'application-7',
      customerContext: {
        fullName: 'Jane Mary Citizen',
        firstName: 'Jane',
        familyName: 'Citizen',
        middleName: 'Mary',
        dateOfBirth: '1990-01-15',
        preferredContactNumber: '+61 412345678',
        address: '1 George St, Sydney NSW 2000',
        callbackUrl: 'https://partner.example/return?id=7',
      },
      sendInvitationEmail: true,
    });
    t.equal(res.status, 200);
    t.same(Object.keys(res.body), ['trackingReference', 'inviteUrl', 'qrCodeUrl']);
    t.match(res.body.trackingReference, UUID_V4);
    t.match(res.body.inviteUrl, new RegExp(`/sign-up/track-id/${res.body.trackingReference}$`));
    t.equal(new URL(res.body.qrCodeUrl).searchParams.get('url'), res.body.inviteUrl);
    const again = await invite({ ...INVITE });
    t.not(again.body.trackingReference, res.body.trackingReference, 'every call issues a fresh reference');
  });
});

t.test('tracking status errors, CORS and preflight', async (t) => {
  const server = await startTestServer(t);
  const unknown = await server.call('GET', '/v1/user/signup/tracking/7ea40290-44b7-424e-babb-31da7ca1dcd1/status');
  t.equal(unknown.status, 404);
  t.match(unknown.headers.get('content-type'), /^application\/json/);
  t.equal(unknown.headers.get('access-control-allow-origin'), '*');
  t.match(unknown.body.validationResults, [{ name: 'trackingReference', resultName: 'TrackingReferenceNotFound' }]);

  const malformed = await server.call('GET', '/v1/user/signup/tracking/not-a-uuid/status');
  t.equal(malformed.status, 400);
  t.match(malformed.headers.get('content-type'), /^application\/json/);
  t.equal(malformed.headers.get('access-control-allow-origin'), '*');
  t.match(malformed.body.validationResults, [{ name: 'trackingReference', resultName: 'InvalidTrackingReference' }]);

  const preflight = await fetch(`${server.url}/v1/user/invite`, {
    method: 'OPTIONS',
    headers: { origin: 'https://partner.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  t.ok(preflight.status === 204 || preflight.status === 200, `preflight answered ${preflight.status}`);
  t.equal(preflight.headers.get('access-control-allow-origin'), '*');
  t.match(preflight.headers.get('access-control-allow-methods'), /POST/);
  t.match(preflight.headers.get('access-control-allow-headers'), /content-type/i);
});

t.test('tracking status only moves forward', async (t) => {
  const server = await startTestServer(t);
  const invite = await server.call('POST', '/v1/user/invite', INVITE);
  const ref: string = invite.body.trackingReference;
  const status = async () => (await server.call('GET', `/v1/user/signup/tracking/${ref}/status`)).body;
  t.same(await status(), { status: 'Inactive' });
  t.same(await status(), { status: 'Inactive' }, 'polling does not activate it');
  t.equal((await fetch(invite.body.inviteUrl)).status, 200);
  t.same(await status(), { status: 'Active' }, 'opening inviteUrl activates it');
  await fetch(invite.body.inviteUrl);
  t.same(await status(), { status: 'Active' }, 'opening it again changes nothing');
  t.same((await server.call('GET', `/v1/user/signup/tracking/${ref.toUpperCase()}/status`)).body, { status: 'Active' }, 'upper-case UUID finds it');

  const unknownScenario = await server.call('POST', `/__admin/sessions/${ref}/complete`, { scenario: 'bogus' });
  t.equal(unknownScenario.status, 422);
  t.match(unknownScenario.headers.get('content-type'), /^application\/problem\+json/);
  t.same([...unknownScenario.body.validChoices].sort(), [...SCENARIOS].sort(), 'validChoices lists every scenario');
  t.same(await status(), { status: 'Active' }, 'a refused completion leaves the status alone');

  const complete = await server.call('POST', `/__admin/sessions/${ref}/complete`, {});
  t.equal(complete.status, 200);
  t.same(await status(), { status: 'Completed' });
  const page = await fetch(invite.body.inviteUrl);
  t.match(await page.text(), /Thank you/);
  t.same(await status(), { status: 'Completed' }, 're-opening the invite after completion keeps Completed');

  const twice = await server.call('POST', `/__admin/sessions/${ref}/complete`, {});
  t.equal(twice.status, 409);
  t.match(twice.headers.get('content-type'), /^application\/problem\+json/);
  t.match(twice.body, { type: 'urn:kyc-sim:problem:already-complete', status: 409, detail: String });
  t.same(await status(), { status: 'Completed' });
});
