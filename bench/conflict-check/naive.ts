import { detectChannelConflicts, type ChannelConflict } from '../../src/domain/conflicts';
import { customerKey } from '../../src/domain/customer';
import type { TenantSettings } from '../../src/domain/settings';
import type { Db } from '../../src/store/db';
import { listOpenCandidates } from '../../src/store/registrations';
import type { CheckQuery } from './queries';

/**
 * The baseline: every open registration other partners hold for an overlapping product, with no
 * index to narrow them, each compared with the submitted customer by the domain rule itself. The
 * indexed path has to find the same conflicts as this reference, which shares none of its shortcuts.
 */
export async function naiveConflicts(
  db: Db,
  tenantId: string,
  settings: TenantSettings,
  query: CheckQuery,
  now: Date,
): Promise<ChannelConflict[]> {
  const customer = customerKey(query.input.customer, settings.extraFreeMailDomains);
  const candidates = await db.transaction(async (tx) => {
    // JIT compilation would add tens of milliseconds per query and flatter the indexed path.
    await tx.query('SET LOCAL jit = off');
    return listOpenCandidates(tx, tenantId, { products: query.input.products, partnerId: query.partner.id, of: 'other_partners', now });
  });
  return detectChannelConflicts(
    { partnerId: query.partner.id, customer, products: query.input.products, region: query.input.region ?? query.partner.region },
    candidates,
    settings,
    now,
  );
}
