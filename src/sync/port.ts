import type { Crm } from '../domain/crm';

/** CRM field values as the sync engine compares them: text, or null for "no value". */
export type FieldValues = Record<string, string | null>;

/** Which CRM object a mapped entity lives in, and the fields the engine reads and writes there. */
export interface CrmObjectSpec {
  /** HubSpot object type (`companies`, a custom object's objectTypeId `2-…`) or Salesforce sObject (`Account`). */
  object: string;
  /** The property / external id field holding the Trellis id: the key of every idempotent create. */
  idField: string;
  /** CRM field names to read back (the id field included). */
  fields: string[];
}

export interface CrmRecord {
  id: string;
  values: FieldValues;
  /** The CRM's own last-modified stamp (HubSpot hs_lastmodifieddate, Salesforce SystemModstamp). */
  modifiedAt: Date;
}

export interface ReadResult {
  found: CrmRecord[];
  /** Ids that no longer answer: deleted or archived in the CRM. */
  missing: string[];
  /** Ids that answer as another record: merged away into it. */
  mergedInto: Array<{ from: string; into: string }>;
}

/** A CRM record another one is linked to: a HubSpot association (`to` is the object type) or a Salesforce lookup (`to` is the field). */
export interface CrmRelation {
  to: string;
  id: string;
}

/** One record to write: by CRM id when the record is known, otherwise created-or-updated by the Trellis id. */
export interface CrmWrite {
  trellisId: string;
  crmId: string | null;
  values: FieldValues;
  /**
   * Sent with every write: linking is idempotent, and a link that could not be made when the
   * record was created (its partner not yet in the CRM) is made by the record's next write.
   */
  relations?: CrmRelation[];
}

/** A CRM's verdict on one record: why it was refused, in words an admin can act on. */
export interface RecordRejection {
  code: string;
  message: string;
}

export type WriteOutcome =
  | { trellisId: string; ok: true; crmId: string; created: boolean }
  | { trellisId: string; ok: false; rejection: RecordRejection };

export interface ChangedPage {
  records: CrmRecord[];
  /** Continues the same sweep; absent when the sweep is complete. */
  cursor: string | null;
}

/** What the mapping needs to exist in the CRM. */
export interface ProvisionPlan {
  objects: Array<{
    spec: CrmObjectSpec;
    /** A custom object Trellis defines (HubSpot) or expects from its package (Salesforce). */
    custom: boolean;
    label: string;
    fields: Array<{ name: string; label: string; options?: readonly string[]; unique?: boolean; type?: 'datetime' }>;
    /** CRM objects this custom object is associated with (HubSpot) or looks up (Salesforce). */
    associations?: string[];
  }>;
}

export interface ProvisionReport {
  created: string[];
  present: string[];
  /** What the adapter could not create and the admin must install (e.g. a Salesforce package). */
  missing: string[];
  /** HubSpot: the custom objects as the portal names them, by the name they were created with; calls address them only so. */
  customObjects?: Array<{ name: string; objectTypeId: string; fullyQualifiedName: string }>;
}

export interface CrmCapabilities {
  /** Records per batch read or write request. */
  batchSize: number;
  /**
   * How long a write may take to show in `listChangedSince` (HubSpot lists changes from its
   * search index, which lags writes); absent: at once (Salesforce's SOQL reads the records).
   */
  listingLagMs?: number;
}

/**
 * The one narrow port the sync engine talks to a CRM through. Adapters translate to the
 * vendor SDK and raise `CrmError`s (see ./errors) for failures of a whole call; refusals of
 * single records come back as `WriteOutcome`s so one bad record never blocks its batch.
 */
export interface CrmAdapter {
  readonly crm: Crm;
  readonly capabilities: CrmCapabilities;
  provision(plan: ProvisionPlan): Promise<ProvisionReport>;
  read(spec: CrmObjectSpec, ids: string[]): Promise<ReadResult>;
  write(spec: CrmObjectSpec, writes: CrmWrite[]): Promise<WriteOutcome[]>;
  archive(spec: CrmObjectSpec, ids: string[]): Promise<void>;
  /** Records modified at or after `since`, oldest first, one page per call. */
  listChangedSince(spec: CrmObjectSpec, since: Date | null, cursor: string | null): Promise<ChangedPage>;
  /**
   * For each of the given `from` records, the ids of the `to` records it is associated with:
   * HubSpot associations (deals → companies), a Salesforce lookup field (`Opportunity.AccountId`).
   * Records without any are left out.
   */
  associated(from: string, to: string, ids: string[]): Promise<Map<string, string[]>>;
  /**
   * HubSpot: for each value (lowercase), the oldest record whose `property` holds it — how a
   * registration without a deal finds its customer's company by web domain. Values no record holds are left out.
   */
  findByProperty?(spec: CrmObjectSpec, property: string, values: string[]): Promise<Map<string, string>>;
}
