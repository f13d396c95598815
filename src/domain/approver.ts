import { manages, type PartnerFacts, type PartnerScope, type Role } from './access';

/** A person of the vendor's team, as the approver choice needs to know them. */
export interface TeamMember {
  email: string;
  displayName: string | null;
  role: Role;
  scope: PartnerScope;
}

/** Who decides a partner's pending registrations. */
export interface Approver {
  email: string;
  name: string;
  role: 'partner_manager' | 'admin';
}

/** How closely a partner manager answers for the partner: lower is closer. */
function closeness(member: TeamMember, partner: PartnerFacts): number {
  const { scope } = member;
  if (partner.managerEmail !== null && partner.managerEmail.toLowerCase() === member.email.toLowerCase()) return 0;
  if (scope.partnerIds.includes(partner.id)) return 1;
  if (scope.regions.includes(partner.region) || scope.tiers.includes(partner.tier)) return 2;
  return 3;
}

/**
 * The person a partner's pending registration waits for: the partner manager whose scope covers
 * the partner most closely (the partner's own named manager, then a scope naming the partner, then
 * its region or tier, then every partner), else an admin; ties go to the first email. Null when
 * the team has nobody who may decide it.
 */
export function approverOf(partner: PartnerFacts, team: readonly TeamMember[]): Approver | null {
  const byEmail = (a: TeamMember, b: TeamMember) => a.email.localeCompare(b.email);
  const managers = team
    .filter((m) => m.role === 'partner_manager' && manages({ role: m.role, email: m.email, scope: m.scope }, partner))
    .sort((a, b) => closeness(a, partner) - closeness(b, partner) || byEmail(a, b));
  const chosen = managers[0] ?? team.filter((m) => m.role === 'admin').sort(byEmail)[0];
  if (!chosen) return null;
  return { email: chosen.email, name: chosen.displayName ?? chosen.email, role: chosen.role as Approver['role'] };
}

const HOUR_MS = 3_600_000;

/** How long something has waited, in the unit a person would say: "under an hour", "5 hours", "2 days". */
export function waitedFor(since: Date, now: Date): string {
  const hours = Math.floor((now.getTime() - since.getTime()) / HOUR_MS);
  if (hours < 1) return 'under an hour';
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  return `${Math.floor(hours / 24)} days`;
}

/** "Waiting for Dana Reyes for 2 days", or who is missing when nobody may decide. */
export const awaitingLine = (approver: Approver | null, since: Date, now: Date): string =>
  approver ? `Waiting for ${approver.name} for ${waitedFor(since, now)}` : `Waiting ${waitedFor(since, now)}; nobody on the team may approve it (add a partner manager or an admin)`;
