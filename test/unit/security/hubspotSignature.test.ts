import { signV1, signV2, signV3, verifyHubSpotSignature } from '../../../src/security/hubspotSignature';

// Vectors from HubSpot's documentation and SDK tests (v1, v2) and computed with two implementations (v3); see platforms.md 1.1-1.2.
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const URI = 'https://www.example.com/webhook_uri';
const V1_BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const EXAMPLE_BODY = '{"example_field":"example_value"}';
const TS = '1564113600000';

describe('HubSpot signatures', () => {
  it('matches the documented v1 and v2 vectors', () => {
    expect(signV1(SECRET, V1_BODY)).toBe('232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de');
    expect(signV2(SECRET, 'GET', URI, '')).toBe('eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e');
    expect(signV2(SECRET, 'POST', URI, EXAMPLE_BODY)).toBe('9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900');
  });

  it('matches the v3 vectors', () => {
    expect(signV3(SECRET, 'POST', URI, EXAMPLE_BODY, TS)).toBe('eT0ip2TKVpsIi1vb5C2Uu42eNdHL+oTE3NRZOF67O2U=');
    expect(signV3(SECRET, 'POST', URI, V1_BODY, TS)).toBe('DxmVAjFNa2xfF3YgQjdZP6TNcok9k1oaH7UXombPtvw=');
  });

  const request = (overrides: Partial<{ rawBody: string; timestamp: string; signatureV3: string; url: string }> = {}) => ({
    method: 'POST',
    url: overrides.url ?? URI,
    rawBody: overrides.rawBody ?? EXAMPLE_BODY,
    headers: { signatureV3: overrides.signatureV3 ?? 'eT0ip2TKVpsIi1vb5C2Uu42eNdHL+oTE3NRZOF67O2U=', timestamp: overrides.timestamp ?? TS },
  });
  const now = Number(TS) + 60_000;

  it('accepts a fresh v3 request, with the current or a rotated-out secret', () => {
    expect(verifyHubSpotSignature(request(), [SECRET], now)).toEqual({ valid: true, version: 'v3' });
    expect(verifyHubSpotSignature(request(), ['new-secret', SECRET], now)).toEqual({ valid: true, version: 'v3' });
  });

  it.each([
    ['a tampered body', request({ rawBody: '{"example_field":"other"}' }), now, /does not match/],
    ['a timestamp older than 5 minutes', request(), Number(TS) + 5 * 60_000 + 1, /older than 5 minutes/],
    ['a timestamp far in the future', request(), Number(TS) - 6 * 60_000, /future/],
    ['a changed timestamp', request({ timestamp: String(Number(TS) + 1) }), now, /does not match/],
    ['another URL', request({ url: 'https://evil.example.com/webhook_uri' }), now, /does not match/],
  ])('refuses %s', (_label, req, at, reason) => {
    const verdict = verifyHubSpotSignature(req, [SECRET], at);
    expect(verdict.valid).toBe(false);
    expect(!verdict.valid && verdict.reason).toMatch(reason);
  });

  it('hashes the URI with HubSpot’s percent-decodings', () => {
    const url = 'https://www.example.com/webhook_uri?x=a%3Ab';
    const sig = signV3(SECRET, 'POST', 'https://www.example.com/webhook_uri?x=a:b', EXAMPLE_BODY, TS);
    expect(verifyHubSpotSignature(request({ url, signatureV3: sig }), [SECRET], now).valid).toBe(true);
  });

  it('accepts legacy v1 only when allowed', () => {
    const legacy = { method: 'POST', url: URI, rawBody: V1_BODY, headers: { signature: signV1(SECRET, V1_BODY), signatureVersion: 'v1' } };
    expect(verifyHubSpotSignature(legacy, [SECRET], now).valid).toBe(false);
    expect(verifyHubSpotSignature(legacy, [SECRET], now, { allowLegacy: true })).toEqual({ valid: true, version: 'v1' });
  });
});
