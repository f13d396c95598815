import { Flex, List, StatusTag, Text } from '@hubspot/ui-extensions';
import { day } from './format.js';
import type { Certification } from './types.js';

/** Within this many days a certification is about to lapse, and enablement with it. */
const EXPIRES_SOON_DAYS = 30;

const expiry = (c: Certification) => (c.expiresAt === null ? 'does not expire' : `expires ${day(c.expiresAt)} (in ${c.daysLeft} ${c.daysLeft === 1 ? 'day' : 'days'})`);

/** The partner's current certifications, the ones the enablement component counts. */
export function Certifications({ certifications }: { certifications: Certification[] }) {
  if (certifications.length === 0) {
    return (
      <Text variant="microcopy" testId="certifications-empty">
        No current certifications. Certifications recorded in Trellis count towards enablement.
      </Text>
    );
  }
  return (
    <List variant="unordered">
      {certifications.map((c) => (
        <Flex key={`${c.name}/${c.holderEmail ?? ''}/${c.issuedAt}`} gap="xs" align="center">
          <Text testId="certification">
            {c.name}
            {c.holderEmail ? ` · ${c.holderEmail}` : ''} · {expiry(c)}
          </Text>
          {c.daysLeft !== null && c.daysLeft <= EXPIRES_SOON_DAYS && <StatusTag variant="warning">Expires soon</StatusTag>}
        </Flex>
      ))}
    </List>
  );
}
