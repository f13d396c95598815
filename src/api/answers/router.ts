import express, { Router, type Response } from 'express';
import { ANSWER_LINK_PATH } from '../../domain/detailsRequest';
import type { Deps } from '../../usecases/context';
import { AppError } from '../../usecases/errors';
import { answerDetailsRequest, openAnswerLink, type AnswerLink } from '../../usecases/registrationDetails';
import { answeredPage, answerFormPage, expiredLinkPage, invalidLinkPage } from '../pages/answerPage';

/** A refused link: gone for good (spent or expired) is 410, never valid is 404. */
function sendLinkPage(res: Response, link: AnswerLink, action: string): void {
  switch (link.state) {
    case 'open':
      res.type('html').send(answerFormPage(link, action));
      return;
    case 'saved':
      res.type('html').send(answeredPage(link, true));
      return;
    case 'answered':
      res.status(410).type('html').send(answeredPage(link, false));
      return;
    case 'expired':
      res.status(410).type('html').send(expiredLinkPage());
      return;
    case 'invalid':
      res.status(404).type('html').send(invalidLinkPage());
  }
}

/**
 * The page a person asked for details answers on, through the link their mail carries: no
 * sign-in, the link's token is the credential (signed, stored only as a digest, spent on use).
 */
export function answerRouter(deps: Deps, signingSecret: string): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '32kb' });
  const path = `${ANSWER_LINK_PATH}/:token`;
  router.get(path, async (req, res) => {
    sendLinkPage(res, await openAnswerLink(deps, signingSecret, req.params.token!), req.originalUrl);
  });
  router.post(path, form, async (req, res) => {
    const token = req.params.token!;
    const text = typeof req.body?.answer === 'string' ? req.body.answer : '';
    try {
      sendLinkPage(res, await answerDetailsRequest(deps, signingSecret, token, text), req.originalUrl);
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'validation_error') throw err;
      const link = await openAnswerLink(deps, signingSecret, token);
      if (link.state !== 'open') return sendLinkPage(res, link, req.originalUrl);
      res.status(400).type('html').send(answerFormPage(link, req.originalUrl, 'Type an answer before sending.'));
    }
  });
  return router;
}
