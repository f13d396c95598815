import type { SyncLink } from '../store/syncLinks';
import { parseRecordKey, type PendingRecord } from '../store/syncPending';
import type { EntityState } from './entities/synced';
import { fromCrmValues, ownerOf, toCrmValues } from './mapping/translate';
import type { ObjectMapping } from './mapping/types';
import { mergeRecord, type MergeResult } from './merge';
import type { CrmRecord, CrmWrite, FieldValues, ReadResult } from './port';

/** The Trellis entity a waiting record stands for: its own id, or the entity linked to its CRM record (undefined: none yet). */
export function entityOfRow(row: PendingRecord, linksByCrmId: ReadonlyMap<string, SyncLink>): string | undefined {
  const key = parseRecordKey(row.key);
  return key.side === 'entity' ? key.entityId : linksByCrmId.get(key.crmId)?.entityId;
}

/** The CRM ids a batch's waiting records name, for finding their links. */
export const crmIdsOf = (rows: PendingRecord[]): string[] =>
  rows.flatMap((row) => {
    const key = parseRecordKey(row.key);
    return key.side === 'crm' ? [key.crmId] : [];
  });

/** The entities a batch merges: each waiting entity, and the entity linked to each waiting CRM record. */
export function entityIdsOf(rows: PendingRecord[], linksByCrmId: ReadonlyMap<string, SyncLink>): string[] {
  return [...rowsByEntity(rows, linksByCrmId).keys()];
}

/** A link that the CRM's answer shows must change before anything is merged. */
export type LinkRepair =
  /** The record was merged into one no entity is linked to: the entity follows it there. */
  | { action: 'move'; from: string; into: string }
  /** The record is gone (deleted, or merged into another entity's record; `mergedInto` says which): stop writing there. */
  | { action: 'tombstone'; crmId: string; mergedInto: string | null };

/** One entity's round with the CRM: what it is on each side and what the merge decided. */
export interface EntityRound {
  rows: PendingRecord[];
  entity: EntityState;
  link: SyncLink | null;
  record: CrmRecord | null;
  merge: MergeResult;
}

/** Values about to be written to a linked record, noted before the call so a lost answer is still recognised as ours. */
export interface WriteIntent {
  crmId: string;
  values: FieldValues;
}

/** Everything one batch does, decided before any of it is done. */
export interface SyncPlan {
  repairs: LinkRepair[];
  /** The entities merged, in the order their records were picked. */
  rounds: EntityRound[];
  /** What the CRM lacks, one write per round that creates a record or changes one. */
  writes: CrmWrite[];
  intents: WriteIntent[];
  /** Rounds whose merge found conflicts to record. */
  conflicted: EntityRound[];
  /** CRM records no link knows, for adoption once the batch has committed. */
  adoptions: Array<{ row: PendingRecord; record: CrmRecord }>;
  /** Waiting records with nothing to do: their entity is gone or no longer written, or their CRM record is gone. */
  settled: PendingRecord[];
}

export interface PlanInput {
  /** The batch's waiting records, every one of them held by this batch. */
  rows: PendingRecord[];
  mapping: ObjectMapping;
  /** Links of the CRM records the batch's rows name. */
  linksByCrmId: ReadonlyMap<string, SyncLink>;
  /** Links of the batch's entities, by entity id (tombstoned ones included). */
  links: ReadonlyMap<string, SyncLink>;
  /** The CRM's answer for every live link's record and every unlinked record. */
  read: ReadResult;
  /** The records merges survived into that a link already names. */
  linkedSurvivors: ReadonlySet<string>;
  /** The batch's entities as Trellis holds them; absent: deleted. */
  states: ReadonlyMap<string, EntityState>;
}

/**
 * Plans one batch: repairs the links the CRM's answer shows merged or deleted, merges each
 * entity three ways against its record, and decides what to write, what to note first, and
 * which unknown CRM records to adopt. Pure: the engine's steps carry the plan out.
 */
export function planSync(input: PlanInput): SyncPlan {
  const { repairs, links } = planRepairs(input);
  const records = new Map(input.read.found.map((r) => [r.id, r]));
  const owners = ownerOf(input.mapping);
  const plan: SyncPlan = { repairs, rounds: [], writes: [], intents: [], conflicted: [], adoptions: [], settled: [] };

  for (const [entityId, rows] of rowsByEntity(input.rows, input.linksByCrmId)) {
    const entity = input.states.get(entityId);
    const link = links.get(entityId) ?? null;
    if (!entity || link?.tombstonedAt) {
      plan.settled.push(...rows);
      continue;
    }
    const record = link ? (records.get(link.crmId) ?? null) : null;
    const merge = mergeRecord({
      owners,
      base: link?.syncedHash ? link.syncedValues : null,
      ...(link?.syncedHash ? { writing: link.writing } : {}),
      trellis: entity.values,
      trellisModifiedAt: entity.updatedAt,
      crm: record ? fromCrmValues(input.mapping, record.values) : null,
      crmModifiedAt: record?.modifiedAt ?? null,
    });
    const round: EntityRound = { rows, entity, link, record, merge };
    plan.rounds.push(round);
    const changes = Object.keys(merge.toCrm).length > 0;
    if (!link || changes) {
      plan.writes.push({
        trellisId: entity.id,
        crmId: link?.crmId ?? null,
        values: toCrmValues(input.mapping, merge.toCrm),
        ...(entity.relations.length > 0 ? { relations: entity.relations } : {}),
      });
    }
    if (link && changes) plan.intents.push({ crmId: link.crmId, values: merge.toCrm });
    if (link && merge.conflicts.length > 0) plan.conflicted.push(round);
  }

  // New CRM records: ours whose link was never committed, entities created in the CRM, or records that are none of Trellis's.
  for (const row of input.rows) {
    const key = parseRecordKey(row.key);
    if (key.side !== 'crm' || input.linksByCrmId.has(key.crmId)) continue;
    const record = records.get(key.crmId);
    if (record) plan.adoptions.push({ row, record });
    else plan.settled.push(row);
  }
  return plan;
}

/** Waiting records by the entity they stand for, entities first; CRM records no link knows are left out. */
function rowsByEntity(rows: PendingRecord[], linksByCrmId: ReadonlyMap<string, SyncLink>): Map<string, PendingRecord[]> {
  const byEntity = new Map<string, PendingRecord[]>();
  const keyed = rows.map((row) => ({ row, key: parseRecordKey(row.key) }));
  for (const { row, key } of [...keyed.filter((k) => k.key.side === 'entity'), ...keyed.filter((k) => k.key.side === 'crm')]) {
    const entityId = key.side === 'entity' ? key.entityId : linksByCrmId.get(key.crmId)?.entityId;
    if (entityId !== undefined) byEntity.set(entityId, [...(byEntity.get(entityId) ?? []), row]);
  }
  return byEntity;
}

/**
 * The repairs the CRM's answer calls for, in order, and the links as they stand after them.
 * A record merged into one no link names takes its entity along; merged into a linked one, or
 * deleted, its link is tombstoned (the entity stays in Trellis and stops being written there).
 */
export function planRepairs(input: Pick<PlanInput, 'links' | 'read' | 'linkedSurvivors'>): { repairs: LinkRepair[]; links: Map<string, SyncLink> } {
  const links = new Map([...input.links].map(([id, link]) => [id, { ...link }]));
  const live = [...links.values()].filter((l) => !l.tombstonedAt);
  const linked = new Set(input.linkedSurvivors);
  const repairs: LinkRepair[] = [];
  const tombstone = (link: SyncLink, crmId: string, mergedInto: string | null) => {
    repairs.push({ action: 'tombstone', crmId, mergedInto });
    link.tombstonedAt = TOMBSTONED;
  };
  for (const { from, into } of input.read.mergedInto) {
    const link = live.find((l) => l.crmId === from);
    if (!link) continue;
    if (linked.has(into)) {
      tombstone(link, from, into);
    } else {
      repairs.push({ action: 'move', from, into });
      // Nothing is agreed with the survivor yet: its values are not edits of ours.
      Object.assign(link, { crmId: into, syncedValues: {}, syncedHash: null });
      linked.add(into);
    }
  }
  for (const id of input.read.missing) {
    const link = live.find((l) => l.crmId === id);
    if (link) tombstone(link, id, null);
  }
  return { repairs, links };
}

/** Marks a link the plan tombstoned; the store stamps the real time. */
const TOMBSTONED = new Date(0);
