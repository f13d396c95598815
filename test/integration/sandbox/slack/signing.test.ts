import { verifySlackRequest } from '@slack/bolt';
import { signedHeaders, slackSignature } from '../../../../sandbox/slack';

describe('request signing', () => {
  it('reproduces the worked example from Slack’s documentation', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
      '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
      '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(body).toHaveLength(362);
    expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('produces headers Bolt’s own verifier accepts, and only with the right secret', () => {
    const body = 'payload=%7B%7D';
    const headers = signedHeaders('s3cret', body, 'application/x-www-form-urlencoded');
    const options = (signingSecret: string) => ({
      signingSecret,
      body,
      headers: {
        'x-slack-signature': headers['X-Slack-Signature']!,
        'x-slack-request-timestamp': Number(headers['X-Slack-Request-Timestamp']),
      },
    });
    expect(() => verifySlackRequest(options('s3cret'))).not.toThrow();
    expect(() => verifySlackRequest(options('other'))).toThrow(/signature mismatch/);
  });
});
