import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { TenantSettingsPatch } from '../../domain/settings';
import { formToken, readSession, signedInLineOf, validFormToken, type SignedIn } from '../../install/session';
import { CRMS, type Crm } from '../../domain/crm';
import { listCrmConnections } from '../../store/connections';
import { getSlackInstallation } from '../../store/slackInstallations';
import { getTenant } from '../../store/tenants';
import type { Actor } from '../../usecases/context';
import { disconnectCrm, type RevokeAtCrm } from '../../usecases/disconnectCrm';
import { changeSettings } from '../../usecases/settings';
import { can, ROLE_LABELS, ROLES } from '../../domain/access';
import { listApiKeys } from '../../store/apiKeys';
import { issueApiKey, revokeTenantApiKey } from '../../usecases/apiKeys';
import { AppError } from '../../usecases/errors';
import { addVendorUser, changeVendorUser, removeUser } from '../../usecases/vendorUsers';
import { listVendorUsers } from '../../store/vendorUsers';
import { Region, Tier } from '../../domain/partner';
import type { InstallDeps } from '../oauth/router';
import { messagePage } from '../pages/layout';
import { holdNewKey, takeNewKey } from './newKeyOnce';
import { renderDisconnectConfirmation, renderSettingsPage, type SettingsPageModel } from './page';
import { sendSignInPage } from '../signin/page';
import { signedInLineWithInbox } from '../pages/signedInLine';

/** A number of days; a field left out (a form from before it existed) leaves the setting as it is. */
const daysOrUnchanged = z.preprocess((v) => (v === undefined ? undefined : Number(v)), z.number().optional());
/** Domains one per line (or apart by commas or spaces); a form from before the field existed leaves them as they are. */
const domainsOrUnchanged = z.preprocess((v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : undefined), z.array(z.string()).optional());
const SettingsForm = z.object({
  rulesOfEngagement: z.string(),
  protectionWindowDays: z.coerce.number(),
  closeDateGraceDays: daysOrUnchanged,
  healthGraceDays: daysOrUnchanged,
  crmUserDefaultRole: z.string().optional(),
  extraFreeMailDomains: domainsOrUnchanged,
});
/** A checkbox group arrives as nothing, one value, or several. */
const ticked = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));
const UserRoleForm = z.object({ role: z.enum(ROLES), regions: ticked(Region), tiers: ticked(Tier) });
const NewUserForm = UserRoleForm.extend({ email: z.email('give a valid email').max(254) });
const scopeOf = (f: z.infer<typeof UserRoleForm>) => ({ partnerIds: [], regions: f.role === 'partner_manager' ? f.regions : [], tiers: f.role === 'partner_manager' ? f.tiers : [] });
/** The create-a-key form; an expiry date means the key works through that day (UTC). */
const ApiKeyForm = z.object({
  name: z.string().trim().min(1, 'give the key a name').max(100),
  role: z.enum(ROLES),
  expiresOn: z
    .union([z.literal(''), z.iso.date()])
    .optional()
    .transform((d) => (d ? new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000) : null)),
});
/** The page's fields as its labels name them, so an error names what the person sees. */
const FIELD_NAMES: Record<string, string> = {
  rulesOfEngagement: 'When two partners register the same deal',
  protectionWindowDays: 'Protection window',
  closeDateGraceDays: 'Past close dates accepted',
  healthGraceDays: "New partners' grace period",
  crmUserDefaultRole: 'CRM users who are not Trellis users',
  extraFreeMailDomains: 'Mail domains that never identify a customer',
  name: 'Name',
  role: 'Role',
  expiresOn: 'Expires after',
  email: 'Email',
  displayName: 'Name',
};
const formErrors = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${FIELD_NAMES[String(i.path[0])] ?? (i.path.map(String).join('.') || 'Form')}: ${i.message}`).join('; ');
const DONE_NOTICES: Record<string, string> = {
  saved: 'Settings saved.',
  disconnected: 'Disconnected.',
  revoked: 'API key revoked.',
  keyCreated: 'API key created.',
  userAdded: 'User added.',
  userChanged: 'User changed; their sessions ended so the new role applies at once.',
  userRemoved: 'User removed; their sessions ended.',
};
const CONNECTED_NOTICES: Record<string, string> = {
  hubspot: 'HubSpot is connected. Trellis is setting up its objects and importing your records.',
  salesforce: 'Salesforce is connected. Trellis is setting up its objects and importing your records.',
  slack: 'Slack is connected. Alerts will be posted to the channel you chose.',
};

/**
 * The admin's settings page, reached from an install's callback. Every request needs the
 * signed session for the tenant it names; every form also needs the session's form token.
 */
export function settingsPageRouter(deps: InstallDeps, revokers: Record<Crm, RevokeAtCrm>): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const secret = deps.install.signingSecret;

  /** The session's actor, or a refusal page; forms also prove they came from this page. */
  async function authorise(req: Request, res: Response, isForm: boolean): Promise<{ actor: Actor; session: SignedIn } | null> {
    const session = await readSession(deps, req);
    if (!session || session.tenant.id !== req.query.tenant) {
      await sendSignInPage(deps, res, 401, req.method === 'GET' ? req.originalUrl : '/settings');
      return null;
    }
    if (!can(session.actor.principal, 'administer')) {
      res.status(403).type('html').send(messagePage('Admins only', `Settings are for the workspace’s admins; you are signed in as ${session.user.email} (${ROLE_LABELS[session.user.role]}). The dashboard is at /dashboard.`));
      return null;
    }
    if (isForm && !validFormToken(secret, session, (req.body as Record<string, unknown> | undefined)?.csrf)) {
      res.status(403).type('html').send(messagePage('Form expired', 'This form is out of date. Reload the settings page and try again.'));
      return null;
    }
    return { actor: session.actor, session };
  }

  async function render(res: Response, session: SignedIn, status: number, extra: Partial<SettingsPageModel> = {}) {
    const tenant = (await getTenant(deps.db, session.tenant.id))!;
    const [connections, slack, apiKeys, users, signedIn] = await Promise.all([
      listCrmConnections(deps.db, deps.keyring, tenant.id),
      getSlackInstallation(deps.db, deps.keyring, tenant.id),
      listApiKeys(deps.db, tenant.id),
      listVendorUsers(deps.db, tenant.id),
      signedInLineWithInbox(deps, session),
    ]);
    res.setHeader('cache-control', 'no-store');
    res.status(status).type('html').send(renderSettingsPage({ tenant, connections, slack, apiKeys, users, signedInUserId: session.user.id, now: deps.clock.now(), formToken: formToken(secret, session), signedIn, ...extra }));
  }

  const back = (res: Response, tenantId: string, flag: string) => res.redirect(303, `/settings?tenant=${encodeURIComponent(tenantId)}&${flag}`);

  router.get('/settings', async (req, res) => {
    // Opened without its workspace (a bookmark, the home page): the signed-in person's own.
    const signedIn = req.query.tenant === undefined ? await readSession(deps, req) : null;
    if (signedIn) return res.redirect(303, `/settings?tenant=${encodeURIComponent(signedIn.tenant.id)}`);
    const auth = await authorise(req, res, false);
    if (!auth) return;
    const connected = typeof req.query.connected === 'string' ? CONNECTED_NOTICES[req.query.connected] : undefined;
    const notice =
      connected ??
      (Object.entries(DONE_NOTICES).find(([flag]) => req.query[flag] !== undefined)?.[1]);
    const newApiKey = takeNewKey(req, res, deps.keyring, auth.session);
    await render(res, auth.session, 200, { ...(notice && { notice: { kind: 'ok' as const, text: notice } }), ...(newApiKey && { newApiKey }) });
  });

  router.post('/settings', form, async (req, res) => {
    const auth = await authorise(req, res, true);
    if (!auth) return;
    const fields = SettingsForm.safeParse(req.body);
    const patch = fields.success ? TenantSettingsPatch.safeParse(fields.data) : fields;
    if (!patch.success) {
      return render(res, auth.session, 400, { notice: { kind: 'error', text: `Not saved. ${formErrors(patch.error.issues)}` } });
    }
    await changeSettings(deps, auth.actor, patch.data);
    back(res, auth.actor.tenantId, 'saved');
  });

  router.post('/settings/api-keys', form, async (req, res) => {
    const auth = await authorise(req, res, true);
    if (!auth) return;
    const fields = ApiKeyForm.safeParse(req.body);
    if (!fields.success) return render(res, auth.session, 400, { notice: { kind: 'error', text: `No key created. ${formErrors(fields.error.issues)}` } });
    try {
      const { apiKey, secret: newSecret } = await issueApiKey(deps, auth.actor, { name: fields.data.name, role: fields.data.role, expiresAt: fields.data.expiresOn });
      holdNewKey(res, deps.keyring, auth.session, { name: apiKey.name, secret: newSecret }, deps.install.publicUrl.startsWith('https:'));
      back(res, auth.actor.tenantId, 'keyCreated');
    } catch (err) {
      // The use case's own checks (an expiry not in the future) come back on the page, not as a 500.
      if (!(err instanceof AppError) || err.kind !== 'validation_error' || !Array.isArray(err.details)) throw err;
      await render(res, auth.session, 400, { notice: { kind: 'error', text: `No key created. ${formErrors(err.details)}` } });
    }
  });

  router.post('/settings/api-keys/:id/revoke', form, async (req, res) => {
    const auth = await authorise(req, res, true);
    if (!auth) return;
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success) return void res.status(404).type('html').send(messagePage('Not found', 'There is no such API key.'));
    await revokeTenantApiKey(deps, auth.actor, id.data);
    back(res, auth.actor.tenantId, 'revoked');
  });

  /** A use case's refusal (a duplicate email, the last admin) comes back on the page. */
  const onPage = async (res: Response, session: SignedIn, what: string, act: () => Promise<void>) => {
    try {
      await act();
    } catch (err) {
      if (!(err instanceof AppError) || err.kind === 'forbidden') throw err;
      await render(res, session, err.kind === 'not_found' ? 404 : err.kind === 'conflict' ? 409 : 400, { notice: { kind: 'error', text: `${what} ${err.message}.` } });
    }
  };

  router.post('/settings/users', form, async (req, res) => {
    const auth = await authorise(req, res, true);
    if (!auth) return;
    const fields = NewUserForm.safeParse(req.body);
    if (!fields.success) return render(res, auth.session, 400, { notice: { kind: 'error', text: `No user added. ${formErrors(fields.error.issues)}` } });
    await onPage(res, auth.session, 'No user added:', async () => {
      await addVendorUser(deps, auth.actor, { email: fields.data.email, displayName: null, role: fields.data.role, scope: scopeOf(fields.data) });
      back(res, auth.actor.tenantId, 'userAdded');
    });
  });

  router.post('/settings/users/:id', form, async (req, res) => {
    const auth = await authorise(req, res, true);
    if (!auth) return;
    const id = z.uuid().safeParse(req.params.id);
    const fields = UserRoleForm.safeParse(req.body);
    if (!id.success) return void res.status(404).type('html').send(messagePage('Not found', 'There is no such user.'));
    if (!fields.success) return render(res, auth.session, 400, { notice: { kind: 'error', text: `Not changed. ${formErrors(fields.error.issues)}` } });
    await onPage(res, auth.session, 'Not changed:', async () => {
      await changeVendorUser(deps, auth.actor, id.data, { role: fields.data.role, scope: scopeOf(fields.data) });
      back(res, auth.actor.tenantId, 'userChanged');
    });
  });

  router.post('/settings/users/:id/remove', form, async (req, res) => {
    const auth = await authorise(req, res, true);
    if (!auth) return;
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success) return void res.status(404).type('html').send(messagePage('Not found', 'There is no such user.'));
    await onPage(res, auth.session, 'Not removed:', async () => {
      await removeUser(deps, auth.actor, id.data);
      back(res, auth.actor.tenantId, 'userRemoved');
    });
  });

  router.post('/settings/connections/:crm/disconnect', form, async (req, res) => {
    const auth = await authorise(req, res, true);
    if (!auth) return;
    const crm = z.enum(CRMS).safeParse(req.params.crm);
    if (!crm.success) return void res.status(404).type('html').send(messagePage('Not found', 'There is no such connection.'));
    // Revoking access at the CRM cannot be undone from here: the first press asks, the second does it.
    if (req.body?.confirm !== 'yes') {
      const connection = (await listCrmConnections(deps.db, deps.keyring, auth.actor.tenantId)).find((c) => c.crm === crm.data);
      res.setHeader('cache-control', 'no-store');
      return void res.type('html').send(
        renderDisconnectConfirmation({ tenantId: auth.actor.tenantId, crm: crm.data, account: connection?.externalAccountId ?? null, formToken: formToken(secret, auth.session), signedIn: signedInLineOf(secret, auth.session) }),
      );
    }
    await disconnectCrm(deps, auth.actor, crm.data, revokers[crm.data]);
    back(res, auth.actor.tenantId, 'disconnected');
  });

  return router;
}
