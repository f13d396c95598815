/** The CRMs Trellis connects to and syncs with. */
export const CRMS = ['hubspot', 'salesforce'] as const;
export type Crm = (typeof CRMS)[number];

/**
 * The Trellis entities kept in step with a record in each connected CRM. Partners first: a
 * registration's CRM record links to its partner's, so whatever walks both kinds takes partners first.
 */
export const ENTITY_KINDS = ['partner', 'registration'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
