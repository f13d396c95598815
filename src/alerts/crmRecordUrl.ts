import { type CrmWeb } from '../domain/crmRecordUrl';
import type { Queryable } from '../store/db';
import type { EntityKind } from '../domain/crm';
import { crmRecordLinks } from '../usecases/crmRecordLinks';
import type { CrmRecordUrl } from './delivery';
import type { AlertSubject } from './subjects';

/** The partner or registration an alert is about, whose CRM record its message links to (a conflict: the newer registration). */
function entityOf(subject: AlertSubject): { kind: EntityKind; id: string } | null {
  switch (subject.kind) {
    case 'registration_pending':
    case 'sla_breached':
      return { kind: 'registration', id: subject.party.registration.id };
    case 'channel_conflict':
      return { kind: 'registration', id: subject.newer.registration.id };
    case 'partner_at_risk':
      return { kind: 'partner', id: subject.partner.id };
    case 'sync_conflict': {
      const { entityKind, entityId } = subject.details;
      return entityId && (entityKind === 'partner' || entityKind === 'registration') ? { kind: entityKind, id: entityId } : null;
    }
    case 'digest':
      return null;
  }
}

/** Alert messages link to the subject's first CRM record: its synced record, else the deal it was registered on. */
export function crmRecordUrlFrom(db: Queryable, web: CrmWeb): CrmRecordUrl {
  return async (tenantId, subject) => {
    const entity = entityOf(subject);
    if (!entity) return null;
    const links = await crmRecordLinks(db, web, tenantId, entity.kind, [entity.id]);
    return links.get(entity.id)?.[0]?.url ?? null;
  };
}
