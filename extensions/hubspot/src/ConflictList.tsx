import { Alert, List, Text } from '@hubspot/ui-extensions';
import { CONFLICT_KIND, moreConflicts, percent } from './format.js';
import type { CardConflict } from './types.js';

const OTHER_STATUS: Record<string, string> = {
  pending: 'pending approval',
  approved: 'approved and protected',
  rejected: 'rejected',
  won: 'closed won',
  lost: 'closed lost',
  expired: 'expired',
};

function Evidence({ conflict }: { conflict: CardConflict }) {
  const e = conflict.evidence;
  const match =
    e.matchedOn === 'crm_company'
      ? `Same CRM company record: ${e.crmCompany ?? ''}`
      : e.matchedOn === 'domain'
        ? `Same web domain: ${e.customer.normalizedDomain ?? ''}`
        : `Similar names: "${e.customer.normalizedName}" and "${e.existingCustomer.normalizedName}" (${percent(e.nameStrength ?? e.nameSimilarity)} alike${e.nameMeasure === 'edit_distance' ? ', one typo apart' : ''})`;
  return (
    <List variant="unordered-styled">
      <Text>{match}</Text>
      <Text>Overlapping products: {e.overlappingProducts.join(', ')}</Text>
      <Text>
        Regions: {e.regions.submitted} (this one) and {e.regions.existing} ({conflict.partner.name})
      </Text>
      <Text>Their registration is {OTHER_STATUS[conflict.otherStatus ?? e.existingStatus] ?? conflict.otherStatus}</Text>
    </List>
  );
}

/** Conflicts with the evidence that makes them conflicts, so a manager can judge without leaving the record; each alert's test id names the other registration. */
export function ConflictList({ conflicts, total, testId }: { conflicts: CardConflict[]; total: number; testId: string }) {
  const more = moreConflicts(conflicts.length, total);
  return (
    <>
      {conflicts.map((c) => (
        <Alert
          key={c.id ?? c.registrationId}
          testId={`${testId}:${c.registrationId}`}
          variant={c.blocksApproval || (c.otherStatus ?? c.evidence.existingStatus) === 'approved' ? 'danger' : 'warning'}
          title={`${CONFLICT_KIND[c.kind] ?? c.kind} with ${c.partner.name}${c.status === 'resolved' ? ' (resolved)' : ''}`}
        >
          <Evidence conflict={c} />
          {c.blocksApproval && <Text format={{ fontWeight: 'demibold' }}>Approving this needs a manager override with a reason.</Text>}
        </Alert>
      ))}
      {more && (
        <Text variant="microcopy" testId={`${testId}:more`}>
          {more}
        </Text>
      )}
    </>
  );
}
