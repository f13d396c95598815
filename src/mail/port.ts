/** One mail to one person, with the HTML and the plain-text rendering of the same content. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Hands mail over for delivery; throws when it was not accepted (`MailRefused` when trying again cannot help). */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** The mail server refused this mail for good (an unknown mailbox, a policy): trying again would be refused the same way. */
export class MailRefused extends Error {}
