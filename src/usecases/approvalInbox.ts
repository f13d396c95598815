import { can, canFor } from '../domain/access';
import { conflictChoices, type ConflictChoice } from '../domain/conflicts';
import type { DetailsRequest } from '../domain/detailsRequest';
import type { Partner, Region } from '../domain/partner';
import type { DealRegistration } from '../domain/registration';
import { listOpenConflictsOldestFirst, type StoredConflict } from '../store/conflicts';
import { latestDetailsRequests } from '../store/detailsRequests';
import { getPartnersByIds } from '../store/partners';
import { getRegistrationsByIds, listPendingRegistrationsOldestFirst } from '../store/registrations';
import { awaitingDecisionOf, type AwaitingDecision } from './approvers';
import type { Actor, Deps } from './context';

/** The most of each kind the inbox reads; a queue longer than this shows its oldest. */
export const INBOX_LIMIT = 500;

export interface InboxSide {
  registration: DealRegistration;
  partner: Partner;
  /** The latest question asked about it, wherever it was asked, and what became of it. */
  detailsRequest: DetailsRequest | undefined;
}

interface ItemBase {
  /** When it started waiting: a registration's submission, a conflict's detection. */
  waitingSince: Date;
  /** Who it waits for (for a conflict, whoever decides its pending side) and since when. */
  awaiting: AwaitingDecision;
  /** Whether the reader may decide it; others see it read-only. */
  mayDecide: boolean;
}

export type InboxItem =
  | (ItemBase & { kind: 'registration'; side: InboxSide; openConflicts: number })
  | (ItemBase & { kind: 'conflict'; conflict: StoredConflict; earlier: InboxSide; newer: InboxSide; choices: ConflictChoice[] });

export const INBOX_KINDS = ['registrations', 'conflicts'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export interface InboxFilters {
  kind?: InboxKind | undefined;
  region?: Region | undefined;
  partnerId?: string | undefined;
  /** Only what waits for the reader. */
  mine?: boolean | undefined;
}

export interface ApprovalInbox {
  items: InboxItem[];
  /** How many items wait for a decision in the reader's inbox, whatever the filters. */
  waitingCount: number;
  /** The partners the reader's unfiltered inbox involves, by name: the partner filter's options. */
  partners: Pick<Partner, 'id' | 'name'>[];
  /** Whether a queue had more than `INBOX_LIMIT` and only its oldest are shown. */
  truncated: boolean;
}

const sidesOf = (item: InboxItem): InboxSide[] => (item.kind === 'registration' ? [item.side] : [item.earlier, item.newer]);

function matches(item: InboxItem, f: InboxFilters, email: string | null): boolean {
  const sides = sidesOf(item);
  if (f.kind && f.kind !== `${item.kind}s`) return false;
  if (f.region && !sides.some((s) => s.registration.region === f.region)) return false;
  if (f.partnerId && !sides.some((s) => s.partner.id === f.partnerId)) return false;
  if (f.mine && (!email || item.awaiting.approver?.email.toLowerCase() !== email.toLowerCase())) return false;
  return true;
}

/**
 * What waits for a decision, the longest-waiting first: pending registrations and open conflicts,
 * each with who it waits for. Every role reads it; a partner manager sees only the partners they
 * answer for (what they could decide), and `mayDecide` says what the reader may act on.
 */
export async function approvalInbox(deps: Deps, actor: Actor, filters: InboxFilters = {}): Promise<ApprovalInbox> {
  const { db } = deps;
  const tenantId = actor.tenantId;
  const [pending, conflicts] = await Promise.all([listPendingRegistrationsOldestFirst(db, tenantId, INBOX_LIMIT + 1), listOpenConflictsOldestFirst(db, tenantId, INBOX_LIMIT + 1)]);
  const truncated = pending.length > INBOX_LIMIT || conflicts.length > INBOX_LIMIT;
  const shownPending = pending.slice(0, INBOX_LIMIT);
  const shownConflicts = conflicts.slice(0, INBOX_LIMIT);

  const known = new Set(shownPending.map((r) => r.id));
  const conflictSides = await getRegistrationsByIds(
    db,
    tenantId,
    [...new Set(shownConflicts.flatMap((c) => [c.registrationId, c.conflictingRegistrationId]))].filter((id) => !known.has(id)),
  );
  const registrations = new Map([...shownPending, ...conflictSides].map((r) => [r.id, r]));
  const [partners, awaiting, questions] = await Promise.all([
    getPartnersByIds(db, tenantId, [...new Set([...registrations.values()].map((r) => r.partnerId))]),
    awaitingDecisionOf(db, tenantId, [...registrations.values()]),
    latestDetailsRequests(db, tenantId, [...registrations.keys()]),
  ]);
  const partnerById = new Map(partners.map((p) => [p.id, p]));
  const side = (registrationId: string): InboxSide | null => {
    const registration = registrations.get(registrationId);
    const partner = registration && partnerById.get(registration.partnerId);
    return registration && partner ? { registration, partner, detailsRequest: questions.get(registrationId) } : null;
  };
  const openConflictsOf = new Map<string, number>();
  for (const c of shownConflicts) for (const id of [c.registrationId, c.conflictingRegistrationId]) openConflictsOf.set(id, (openConflictsOf.get(id) ?? 0) + 1);

  const decides = can(actor.principal, 'decide');
  const items: InboxItem[] = [];
  for (const r of shownPending) {
    const s = side(r.id);
    if (!s) continue;
    items.push({ kind: 'registration', side: s, waitingSince: r.submittedAt, awaiting: awaiting.get(r.id)!, mayDecide: decides && canFor(actor.principal, 'decide', [s.partner]), openConflicts: openConflictsOf.get(r.id) ?? 0 });
  }
  for (const c of shownConflicts) {
    const newer = side(c.registrationId);
    const earlier = side(c.conflictingRegistrationId);
    if (!newer || !earlier) continue;
    // Whoever decides its pending side decides the conflict (the newer side first, as alerts are routed).
    const deciding = awaiting.get(newer.registration.id) ?? awaiting.get(earlier.registration.id);
    items.push({
      kind: 'conflict',
      conflict: c,
      newer,
      earlier,
      waitingSince: c.detectedAt,
      awaiting: { approver: deciding?.approver ?? null, waitingSince: c.detectedAt },
      mayDecide: decides && canFor(actor.principal, 'decide', [newer.partner, earlier.partner]),
      choices: conflictChoices({ newStatus: newer.registration.status, existingStatus: earlier.registration.status }),
    });
  }
  // A partner manager's inbox holds what they answer for; everyone else reads the workspace's.
  const visible = actor.principal.role === 'partner_manager' ? items.filter((i) => i.mayDecide) : items;
  visible.sort((a, b) => a.waitingSince.getTime() - b.waitingSince.getTime());
  const involved = new Map(visible.flatMap(sidesOf).map((s) => [s.partner.id, { id: s.partner.id, name: s.partner.name }]));
  return {
    items: visible.filter((i) => matches(i, filters, actor.principal.email)),
    waitingCount: visible.length,
    partners: [...involved.values()].sort((a, b) => a.name.localeCompare(b.name)),
    truncated,
  };
}
