import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { messagePage } from './layout';

/** A refusal a person sees as a page: the browser flows (installs, sign-in) are navigations, not API calls. */
export class PageRefusal extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Wraps a browser flow's handler: a known refusal (a `PageRefusal`, or what `classify` makes of
 * another error) is logged and shown as a page; anything else goes on to the error handler.
 */
export const pageFlow =
  (logger: Logger, flow: string, classify: (err: unknown) => PageRefusal | null) =>
  (handler: (req: Request, res: Response) => Promise<void>) =>
  async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (err) {
      const known = err instanceof PageRefusal ? err : classify(err);
      if (!known) throw err;
      logger.warn({ reqId: res.locals.requestId, reason: known.message, cause: (err as Error).cause }, `${flow} refused`);
      res.status(known.status).type('html').send(messagePage(known.title, known.message));
    }
  };
