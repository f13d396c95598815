import nodemailer from 'nodemailer';
import type { MailSettings } from '../config';
import { MailRefused, type Mailer } from './port';

/** An SMTP reply code of the 5xx class is a permanent refusal (RFC 5321 §4.2.1); 4xx and lost connections are worth retrying. */
const isPermanent = (err: unknown) => {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/** Mail over SMTP (nodemailer) to the server SMTP_URL names, from MAIL_FROM. */
export function smtpMailer(settings: MailSettings): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(settings.smtpUrl);
  return {
    async send(mail) {
      try {
        await transport.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      } catch (err) {
        if (isPermanent(err)) throw new MailRefused(`the mail server refused the mail to ${mail.to}: ${(err as Error).message}`, { cause: err });
        throw err;
      }
    },
    close: () => transport.close(),
  };
}
