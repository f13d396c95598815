/** The card backend's answers, as the cards read them. */
export interface PartnerSummary {
  id: string;
  name: string;
  tier: string;
  region: string;
  status: string;
  specialties: string[];
}

export interface Evidence {
  matchedOn: 'crm_company' | 'domain' | 'name';
  customer: { normalizedName: string; normalizedDomain: string | null };
  existingCustomer: { normalizedName: string; normalizedDomain: string | null };
  nameSimilarity: number;
  /** Which name measure matched and how strongly (conflicts found before these existed lack them). */
  nameMeasure?: 'identical' | 'core_name' | 'acronym' | 'edit_distance' | 'trigram';
  nameStrength?: number;
  /** The CRM company record both registrations' deals belong to. */
  crmCompany?: string;
  overlappingProducts: string[];
  regions: { submitted: string; existing: string };
  existingStatus: 'pending' | 'approved';
}

export interface CardConflict {
  id?: string;
  kind: 'duplicate' | 'cross_region';
  score: number;
  evidence: Evidence;
  partner: { id: string; name: string };
  registrationId: string;
  status?: 'open' | 'resolved';
  blocksApproval?: boolean;
  /** The other registration's status now (stored conflicts); the dry run has only `evidence.existingStatus`. */
  otherStatus?: string | null;
}

export interface CardRegistration {
  id: string;
  status: string;
  partner: { id: string; name: string };
  products: string[];
  amount: number;
  currency: string;
  expectedCloseDate: string;
  region: string;
  submittedAt: string;
  decision: { by: string; at: string; reason: string | null } | null;
  override: { by: string; at: string; reason: string } | null;
  protection: { expiresAt: string; daysLeft: number } | null;
  canDecide: boolean;
  /** Who a pending registration waits for and since when; null once decided. */
  awaiting: { approver: { name: string; email: string } | null; since: string; line: string } | null;
  /** All of the registration's conflicts; `conflicts` holds the most pressing few. */
  conflictCount: number;
  conflicts: CardConflict[];
}

/** The live conflict check: the most pressing conflicts and how many there are in all. */
export interface CheckReply {
  conflictCount: number;
  conflicts: CardConflict[];
}

export interface RecordRegistrations {
  viewer: { name: string };
  rules: { rulesOfEngagement: string; protectionWindowDays: number; earliestCloseDate: string };
  registrations: CardRegistration[];
}

export interface CoSellReply {
  suggestions: { partner: PartnerSummary; score: number; reasons: string[] }[];
  engagements: { id: string; partner: PartnerSummary | null; role: string; status: string; requestedBy: string; requestedAt: string }[];
}

export interface HealthComponent {
  component: 'engagement' | 'pipeline' | 'enablement' | 'satisfaction' | 'support';
  /** 0–100; null when the component has no data and is left out of the score. */
  value: number | null;
  /** Its share of the score in percent. */
  share: number;
  explanation: string;
}

export interface Certification {
  name: string;
  holderEmail: string | null;
  issuedAt: string;
  expiresAt: string | null;
  daysLeft: number | null;
}

export interface HealthReply {
  partner: PartnerSummary | null;
  health?: {
    score: number;
    trend: 'up' | 'flat' | 'down' | 'new';
    previousScore: number | null;
    evaluatedAt: string | null;
    atRisk: boolean;
    reasons: string[];
    summary: string;
    components: HealthComponent[];
  } | null;
  /** Why there is no score: not evaluated yet, or a partner whose health is not scored. */
  notScored?: string | null;
  activity?: { submittedLast90: number; submittedPrevious90: number; won: number; lost: number; rejected: number; expired: number };
  pipeline?: { currency: string; amount: number; count: number }[];
  certifications?: Certification[];
}
