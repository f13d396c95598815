import { loadConfig } from '../../../src/config';

describe('outgoing mail settings', () => {
  it('are off unless SMTP_URL is set: nothing is mailed', () => {
    expect(loadConfig({}).mail).toBeNull();
  });

  it('take the SMTP server and the sender together', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://user:pass@mail.example.com:587', MAIL_FROM: 'Trellis <trellis@vendor.com>' }).mail).toEqual({
      smtpUrl: 'smtp://user:pass@mail.example.com:587',
      from: 'Trellis <trellis@vendor.com>',
    });
  });

  it('refuse a server without a sender, or a URL that is not SMTP, naming the variable', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.com' })).toThrow(/MAIL_FROM: SMTP_URL is set, so mail needs a sender/);
    expect(() => loadConfig({ SMTP_URL: 'https://mail.example.com', MAIL_FROM: 'x@y.z' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
  });
});
