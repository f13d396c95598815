import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail as it arrived: the envelope, and the parsed message with both its parts. */
export interface CaughtMail {
  id: number;
  receivedAt: Date;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
}

export interface SmtpCatcher {
  /** Where to send: `smtp://127.0.0.1:<port>` (no TLS, no authentication needed). */
  smtpUrl: string;
  messages(): CaughtMail[];
  /** Answers the next `count` mails with `code`: 451 (the default) as a busy mail server does, 550 as one refusing for good. */
  refuseNext(count: number, code?: 451 | 550): void;
  close(): Promise<void>;
}

/**
 * A local SMTP server that accepts every mail and keeps it in memory, parsed, for the sandbox's
 * mail view and for tests. Nothing is delivered anywhere.
 */
export async function startSmtpCatcher(port = 0): Promise<SmtpCatcher> {
  const caught: CaughtMail[] = [];
  let refusals = 0;
  let refusalCode = 451;
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on the loopback interface: nodemailer would otherwise upgrade to TLS with a certificate nobody trusts.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (refusals > 0) {
            refusals -= 1;
            const reason = refusalCode === 451 ? 'Mailbox busy, try again later' : 'Mailbox unavailable';
            callback(Object.assign(new Error(reason), { responseCode: refusalCode }));
            return;
          }
          caught.push({
            id: caught.length + 1,
            receivedAt: new Date(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    smtpUrl: `smtp://127.0.0.1:${actual}`,
    messages: () => [...caught],
    refuseNext(count, code = 451) {
      refusals = count;
      refusalCode = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
