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
  /** Answers the next `count` mails with a temporary failure (451), as a busy mail server does. */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

/**
 * A local SMTP server that accepts every mail and keeps it in memory, parsed, for the sandbox's
 * mail view and for tests. Nothing is delivered anywhere.
 */
export async function startSmtpCatcher(port = 0): Promise<SmtpCatcher> {
  const caught: CaughtMail[] = [];
  let refusals = 0;
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
            callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
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
    refuseNext(count) {
      refusals = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
