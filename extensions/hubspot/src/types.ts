import type { components } from './cardReplies.js';

/** The card backend's answers, as the cards read them: named from the generated reply types (see cardReplies.ts). */
type Reply = components['schemas'];

export type PartnerSummary = Reply['CardPartner'];
export type Evidence = Reply['Evidence'];
export type CardConflict = Reply['CardConflict'];
export type CardRegistration = Reply['CardRegistration'];
/** The live conflict check: the most pressing conflicts and how many there are in all. */
export type CheckReply = Reply['CheckReply'];
export type RecordRegistrations = Reply['RecordRegistrationsReply'];
export type CoSellReply = Reply['CoSellReply'];
export type HealthComponent = Reply['CardHealthComponent'];
export type Certification = Reply['CardCertification'];
export type HealthReply = Reply['PartnerHealthReply'];
