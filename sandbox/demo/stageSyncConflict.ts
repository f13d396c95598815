import { systemClock } from '../../src/domain/clock';
import type { Db } from '../../src/store/db';
import { findPartnerByDomain } from '../../src/store/partners';
import type { Keyring } from '../../src/security/secrets';
import { linksByEntity, type SyncLink } from '../../src/store/syncLinks';
import { getTenant } from '../../src/store/tenants';
import { loadMapping } from '../../src/sync/mapping/load';
import { changePartner } from '../../src/usecases/partners';
import type { DemoData } from './data';
import type { DemoTenant } from './demoTenant';
import { adminCall, DEMO_PORTAL } from './seedCrms';
import { principalFor } from '../../src/domain/access';

export interface SyncConflictStage {
  db: Db;
  keyring: Keyring;
  hubspotUrl: string;
  demo: DemoTenant;
  data: DemoData;
}

/** Sync writes the demo's partners to HubSpot within seconds of "Ready"; a minute means something is wrong. */
const LINK_TIMEOUT_MS = 60_000;
const POLL_MS = 250;

/** NA's steady gold partner: out of the way of the demo's other alerts (conflicts, at-risk, today's import). */
const partnerOf = (data: DemoData) => data.partners.find((p) => p.region === 'NA' && p.tier === 'gold' && p.profile === 'steady')!;

/** The partner's HubSpot link once both sides agree on its tier: before that there is no agreed value to diverge from. */
async function agreedLink(db: Db, tenantId: string, partnerId: string, tier: string): Promise<SyncLink> {
  const deadline = Date.now() + LINK_TIMEOUT_MS;
  for (;;) {
    const link = (await linksByEntity(db, tenantId, 'hubspot', 'partner', [partnerId])).get(partnerId);
    if (link?.syncedHash && link.syncedValues.tier === tier && Object.keys(link.writing).length === 0) return link;
    if (Date.now() > deadline) throw new Error(`the partner was not in sync with HubSpot within ${LINK_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Today's sync conflict, as it happens in real life: after the partner's first sync, a sales
 * rep sets its tier to silver in HubSpot while its partner manager promotes it to platinum in
 * Trellis. The sync engine's three-way merge finds both sides changed from the agreed gold,
 * records the conflict and Slack asks which value to keep.
 *
 * HubSpot is edited first, Trellis right after: HubSpot reports the edit by webhook only after
 * its one-second batching window, while Trellis's edit is synced at once, and that round reads
 * HubSpot's silver next to Trellis's platinum. (The other order would let the engine write
 * platinum to HubSpot before the rep's edit, which would then be an ordinary newer edit.)
 *
 * Staged once, by the start that seeded the demo; a restart finds the conflict already there.
 */
export async function stageSyncConflict({ db, keyring, hubspotUrl, demo, data }: SyncConflictStage): Promise<void> {
  if (!demo.seeded.trellis) return;
  const { tenantId } = demo;
  const demoPartner = partnerOf(data);
  const [partner, tenant, mapping] = await Promise.all([findPartnerByDomain(db, tenantId, demoPartner.domain), getTenant(db, tenantId), loadMapping(db, tenantId)]);
  if (!partner || !tenant) throw new Error(`the demo partner ${demoPartner.name} is not in Trellis`);
  const link = await agreedLink(db, tenantId, partner.id, partner.tier);
  const tierProperty = mapping.partner.hubspot.fields.find((f) => f.field === 'tier')!.crmField;
  await adminCall(`${hubspotUrl}/_admin/portals/${DEMO_PORTAL.id}/objects/companies/${link.crmId}`, 'PATCH', { properties: { [tierProperty]: 'silver' } });
  const manager = { tenantId, settings: tenant.settings, name: demoPartner.managerEmail, principal: principalFor('partner_manager', demoPartner.managerEmail) };
  await changePartner({ db, keyring, clock: systemClock }, manager, partner.id, { tier: 'platinum' });
}
