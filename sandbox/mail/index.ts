import { listen } from '../shared/http';
import { startSmtpCatcher, type SmtpCatcher } from './catcher';
import { mailView } from './view';

export type { CaughtMail } from './catcher';

export interface RunningMailCatcher extends Omit<SmtpCatcher, 'close'> {
  /** The mail view's base URL; the list is at `${url}/mail`. */
  url: string;
  close(): Promise<void>;
}

/** The sandbox's mail catcher: SMTP on a free local port, and the web view of what arrived on `viewPort`. */
export async function startMailCatcher(options: { viewPort?: number } = {}): Promise<RunningMailCatcher> {
  const smtp = await startSmtpCatcher();
  const view = await listen(mailView(smtp.messages), options.viewPort ?? 0).catch(async (err) => {
    await smtp.close();
    throw err;
  });
  return {
    ...smtp,
    url: view.url,
    close: async () => {
      await Promise.all([view.close(), smtp.close()]);
    },
  };
}
