import type { ChangeEvent } from './changes';
import type { ObjectType } from './objectTypes';
import type { CrmRecord, EmulatorState, Portal } from './state';

/**
 * HubSpot: "It may take a few moments for newly created or updated CRM objects to appear in
 * search results" [hs-search], with no number given. Three seconds is "a few moments" and
 * longer than the one-second stamp overlap a naive sweep uses, so code that assumes search
 * sees its own writes at once fails against the emulator as it would against HubSpot, while
 * the sandbox still feels live.
 */
export const DEFAULT_SEARCH_INDEX_LAG_MS = 3_000;

/** A record's state as written at one moment; null once it was merged away. */
interface Version {
  searchableAt: number;
  record: CrmRecord | null;
}

/** What search sees of one record: the version indexed last, and the writes still on their way. */
interface Entry {
  indexed: CrmRecord | null;
  pending: Version[];
}

/**
 * The CRM search index: each write reaches search results `lagMs` after it was made; until
 * then search sees (and filters, sorts and answers with) the record as it was indexed before,
 * or not at all if it is new. The other APIs read the records themselves, so they see a
 * write at once. With no lag, search reads the records directly.
 */
export class SearchIndex {
  /** Portal id → object type id → record id → entry. */
  private entries = new Map<number, Map<string, Map<string, Entry>>>();

  constructor(
    private readonly state: EmulatorState,
    private lagMs: number,
    private readonly now: () => number,
  ) {
    this.rebuild();
  }

  get lag(): number {
    return this.lagMs;
  }

  /**
   * Change the lag of the writes to come (the index's load varies); writes already on their
   * way keep their time. Turning the lag off or on indexes everything as it is now.
   */
  configure(lagMs: number): number {
    const switched = (this.lagMs === 0) !== (lagMs === 0);
    this.lagMs = lagMs;
    if (switched) this.rebuild();
    return lagMs;
  }

  /** Index every record as it is now (at start, after a reload or a reset). */
  rebuild(): void {
    this.entries.clear();
    if (this.lagMs === 0) return;
    for (const portal of Object.values(this.state.portals)) {
      for (const [objectTypeId, records] of Object.entries(portal.records)) {
        for (const record of Object.values(records)) {
          this.entriesOf(portal.id, objectTypeId).set(record.id, { indexed: structuredClone(record), pending: [] });
        }
      }
    }
  }

  /** A write happened: the records it touched become searchable as they are now, `lagMs` from now. */
  noteChange(event: ChangeEvent): void {
    if (this.lagMs === 0 || event.kind === 'associationChange') return;
    const ids = event.kind === 'merge' ? [event.objectId, ...event.mergedObjectIds] : [event.objectId];
    const searchableAt = this.now() + this.lagMs;
    const entries = this.entriesOf(event.portalId, event.objectTypeId);
    for (const id of ids) {
      const stored = this.state.portals[String(event.portalId)]?.records[event.objectTypeId]?.[id];
      const version: Version = { searchableAt, record: stored ? structuredClone(stored) : null };
      const entry = entries.get(id) ?? { indexed: null, pending: [] };
      const last = entry.pending[entry.pending.length - 1];
      // Several events of one write (creation, then each property) leave one version.
      if (last?.searchableAt === searchableAt) last.record = version.record;
      else entry.pending.push(version);
      entries.set(id, entry);
    }
  }

  /** The records of one type as search sees them now, oldest first. */
  searchable(portal: Portal, type: ObjectType, stored: Record<string, CrmRecord>): CrmRecord[] {
    if (this.lagMs === 0) return Object.values(stored);
    const now = this.now();
    const visible: CrmRecord[] = [];
    for (const entry of this.entriesOf(portal.id, type.objectTypeId).values()) {
      // The newest write whose time has come is indexed, with every older one it supersedes.
      let due = -1;
      entry.pending.forEach((version, i) => {
        if (version.searchableAt <= now) due = i;
      });
      if (due >= 0) entry.indexed = entry.pending.splice(0, due + 1)[due]!.record;
      if (entry.indexed) visible.push(entry.indexed);
    }
    return visible.sort((a, b) => Number(a.id) - Number(b.id));
  }

  private entriesOf(portalId: number, objectTypeId: string): Map<string, Entry> {
    let byType = this.entries.get(portalId);
    if (!byType) this.entries.set(portalId, (byType = new Map()));
    let byId = byType.get(objectTypeId);
    if (!byId) byType.set(objectTypeId, (byId = new Map()));
    return byId;
  }
}
