import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { can, ROLE_LABELS } from '../../domain/access';
import { CONFLICT_CHOICES } from '../../domain/conflicts';
import { DetailsQuestion } from '../../domain/detailsRequest';
import { Region } from '../../domain/partner';
import { formToken, readSession, validFormToken, type SignedIn } from '../../install/session';
import { approvalInbox, INBOX_KINDS, type InboxFilters } from '../../usecases/approvalInbox';
import { approveDealRegistration, rejectDealRegistration } from '../../usecases/decideDealRegistration';
import { AppError } from '../../usecases/errors';
import { askForRegistrationDetails, conflictQuestionSubject } from '../../usecases/registrationDetails';
import { settleConflict } from '../../usecases/settleConflict';
import type { InstallDeps } from '../oauth/router';
import { messagePage } from '../pages/layout';
import { signedInLineWithInbox } from '../pages/signedInLine';
import { sendSignInPage } from '../signin/page';
import { renderInboxPage, type InboxPageModel, type RefusedForm } from './page';

/** A select left at "every …" sends an empty value: no filter. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const FilterFields = z.object({
  kind: optional(z.enum(INBOX_KINDS)),
  region: optional(Region),
  partner: optional(z.uuid()),
  mine: optional(z.literal('1')),
});
const toFilters = (f: z.infer<typeof FilterFields>): InboxFilters => ({ kind: f.kind, region: f.region, partnerId: f.partner, mine: f.mine === '1' });

/** A reason the partner can read, as Slack asks for one: a few words at least. */
const MIN_TEXT = 3;
const RejectForm = z.object({ reason: z.string().trim().min(MIN_TEXT, 'tell the partner why, in a few words').max(2000) });
const AskForm = z.object({ question: DetailsQuestion });
const ResolveForm = z.object({ choice: z.enum(CONFLICT_CHOICES, 'choose who keeps the customer') });

const DONE_NOTICES = {
  approved: 'Registration approved.',
  rejected: 'Registration rejected; the partner sees your reason.',
  resolved: 'Conflict resolved.',
  asked: 'Your question was sent: whoever registered each pending side is emailed a link to answer.',
} as const;
type Done = keyof typeof DONE_NOTICES;

const filterQuery = (f: InboxFilters) =>
  new URLSearchParams(Object.entries({ kind: f.kind, region: f.region, partner: f.partnerId, mine: f.mine ? '1' : undefined }).filter((kv): kv is [string, string] => kv[1] !== undefined));

/**
 * The approval inbox for people who decide outside Slack: pending registrations and open
 * conflicts, the longest-waiting first, filtered by the address's query. Its forms take the
 * same decisions as Slack's buttons, through the same use cases, then come back to the same view
 * (post, redirect, get) with a notice. Every role reads; deciding needs a role that decides, and
 * a partner manager decides (and sees) only the partners they answer for.
 */
export function inboxRouter(deps: InstallDeps, options: { mail: boolean }): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const secret = deps.install.signingSecret;

  async function render(res: Response, session: SignedIn, status: number, filters: InboxFilters, extra: Partial<InboxPageModel> = {}) {
    const [inbox, signedIn] = await Promise.all([approvalInbox(deps, session.actor, filters), signedInLineWithInbox(deps, session)]);
    res.setHeader('cache-control', 'no-store');
    res.status(status).type('html').send(renderInboxPage({ inbox, filters, now: deps.clock.now(), role: session.user.role, formToken: formToken(secret, session), signedIn, ...extra }));
  }

  router.get('/inbox', async (req, res) => {
    const session = await readSession(deps, req);
    if (!session) return sendSignInPage(deps, res, 401, req.originalUrl);
    const fields = FilterFields.safeParse(req.query);
    if (!fields.success) {
      const why = fields.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return render(res, session, 400, {}, { notice: { kind: 'error', text: `These filters are not ones the inbox knows (${why}); showing everything.` } });
    }
    const done = typeof req.query.done === 'string' && req.query.done in DONE_NOTICES ? DONE_NOTICES[req.query.done as Done] : undefined;
    await render(res, session, 200, toFilters(fields.data), done ? { notice: { kind: 'ok', text: done } } : {});
  });

  /**
   * One decision: the session, the form's token and a role that decides, then the use case. A
   * refusal the person can act on comes back on the page with what they typed.
   */
  const decision =
    (done: Done, act: (session: SignedIn, id: string, body: Record<string, unknown>) => Promise<RefusedForm | null>) => async (req: Request, res: Response) => {
      const session = await readSession(deps, req);
      if (!session) return sendSignInPage(deps, res, 401, '/inbox');
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (!validFormToken(secret, session, body.csrf)) {
        return void res.status(403).type('html').send(messagePage('Form expired', 'This form is out of date. Reload the inbox and try again.'));
      }
      if (!can(session.actor.principal, 'decide')) {
        const role = ROLE_LABELS[session.user.role];
        return void res.status(403).type('html').send(messagePage('Read only', `You are signed in as ${session.user.email} (${role}); a ${role.toLowerCase()} reads the inbox, and partner managers and admins decide.`));
      }
      const parsedFilters = FilterFields.safeParse(body);
      const filters = parsedFilters.success ? toFilters(parsedFilters.data) : {};
      const id = z.uuid().safeParse(req.params.id);
      if (!id.success) return void res.status(404).type('html').send(messagePage('Not found', 'There is no such registration or conflict in this workspace.'));
      try {
        const refused = await act(session, id.data, body);
        if (refused) return render(res, session, 400, filters, { refused, notice: { kind: 'error', text: `Nothing changed: ${refused.error}.` } });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.kind === 'forbidden' || err.kind === 'not_found') {
          const title = err.kind === 'forbidden' ? 'Not yours to decide' : 'Not found';
          return void res.status(err.kind === 'forbidden' ? 403 : 404).type('html').send(messagePage(title, `Nothing changed: ${err.message}.`));
        }
        // Decided meanwhile, blocked by a conflict, no longer applicable: said on the page, nothing lost.
        return render(res, session, err.kind === 'conflict' ? 409 : 400, filters, { notice: { kind: 'error', text: `Nothing changed: ${err.message}.` } });
      }
      const query = filterQuery(filters);
      query.set('done', done);
      res.redirect(303, `/inbox?${query}`);
    };

  /** What a refused form showed again: the field, as typed, and the first reason it was refused. */
  const refusal = (itemId: string, field: RefusedForm['field'], body: Record<string, unknown>, error: z.ZodError): RefusedForm => ({
    itemId,
    field,
    value: typeof body[field] === 'string' ? body[field] : '',
    error: `${field}: ${error.issues[0]!.message}`,
  });
  /** A decision taken once its form's fields read well; otherwise the refusal to show. */
  const withFields =
    <S extends z.ZodType>(schema: S, field: RefusedForm['field'], run: (session: SignedIn, id: string, fields: z.infer<S>) => Promise<unknown>) =>
    async (session: SignedIn, id: string, body: Record<string, unknown>): Promise<RefusedForm | null> => {
      const fields = schema.safeParse(body);
      if (!fields.success) return refusal(id, field, body, fields.error);
      await run(session, id, fields.data);
      return null;
    };
  const decisions: [string, Done, ReturnType<typeof withFields>][] = [
    ['/inbox/registrations/:id/approve', 'approved', withFields(z.object({}), 'reason', (session, id) => approveDealRegistration(deps, session.actor, id))],
    ['/inbox/registrations/:id/reject', 'rejected', withFields(RejectForm, 'reason', (session, id, f) => rejectDealRegistration(deps, session.actor, id, f.reason))],
    ['/inbox/conflicts/:id/resolve', 'resolved', withFields(ResolveForm, 'choice', (session, id, f) => settleConflict(deps, session.actor, id, f.choice, 'the Trellis inbox'))],
    // The same question Slack's "Ask for details…" modal sends: stored, mailed to each registering rep, answered in the alert's thread.
    [
      '/inbox/conflicts/:id/ask',
      'asked',
      withFields(AskForm, 'question', async (session, id, f) =>
        askForRegistrationDetails(deps, session.actor, {
          ...(await conflictQuestionSubject(deps, session.actor, id)),
          question: f.question,
          askerName: session.user.displayName ?? session.user.email,
          mail: options.mail,
        }),
      ),
    ],
  ];
  for (const [path, done, act] of decisions) router.post(path, form, decision(done, act));
  return router;
}
