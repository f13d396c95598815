import { verifySlackSignature } from '../../../src/alerts/slack/requestGuard';

// The worked example from Slack's "Verifying requests from Slack" (platforms.md 4.1).
const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const timestamp = '1531420618';
const rawBody =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
  '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
  '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const at = (seconds: number) => (Number(timestamp) + seconds) * 1000;

describe('Slack request signatures', () => {
  it('accepts the documented example', () => {
    expect(() => verifySlackSignature(secret, { rawBody, signature, timestamp }, at(0))).not.toThrow();
    expect(() => verifySlackSignature(secret, { rawBody, signature, timestamp }, at(299))).not.toThrow();
  });

  it.each([
    ['a changed body', { rawBody: rawBody.replace('roadrunner', 'coyote'), signature, timestamp }, at(0), /signature mismatch/],
    ['another secret', { rawBody, signature: signature.replace('a2114', 'a2115'), timestamp }, at(0), /signature mismatch/],
    ['a timestamp more than 5 minutes old', { rawBody, signature, timestamp }, at(301), /stale/],
    ['a timestamp more than 5 minutes ahead', { rawBody, signature, timestamp }, at(-301), /future/],
    ['no signature', { rawBody, signature: undefined, timestamp }, at(0), /missing/],
  ])('refuses %s', (_label, request, now, reason) => {
    expect(() => verifySlackSignature(secret, request, now)).toThrow(reason);
  });
});
