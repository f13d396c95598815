/**
 * The card backend's replies as TypeScript types, generated from the zod schemas in
 * src/api/cards/replies.ts by `npm run generate:card-types`. Do not edit: change the schemas and
 * generate again (a test fails while this file and the schemas differ).
 */
export type paths = Record<string, never>;
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Evidence: {
            /** @enum {string} */
            matchedOn: "crm_company" | "domain" | "name";
            customer: {
                normalizedName: string;
                normalizedDomain: string | null;
            };
            existingCustomer: {
                normalizedName: string;
                normalizedDomain: string | null;
            };
            nameSimilarity: number;
            /** @enum {string} */
            nameMeasure?: "identical" | "core_name" | "acronym" | "edit_distance" | "trigram";
            nameStrength?: number;
            crmCompany?: string;
            overlappingProducts: string[];
            regions: {
                /** @enum {string} */
                submitted: "NA" | "LATAM" | "EMEA" | "APAC";
                /** @enum {string} */
                existing: "NA" | "LATAM" | "EMEA" | "APAC";
            };
            /** @enum {string} */
            existingStatus: "pending" | "approved";
        };
        CardPartner: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            tier: "registered" | "silver" | "gold" | "platinum";
            /** @enum {string} */
            region: "NA" | "LATAM" | "EMEA" | "APAC";
            /** @enum {string} */
            status: "prospect" | "onboarding" | "active" | "at_risk" | "churned";
            specialties: string[];
        };
        CardConflict: {
            /** Format: uuid */
            id?: string;
            /** @enum {string} */
            kind: "duplicate" | "cross_region";
            score: number;
            evidence: components["schemas"]["Evidence"];
            /** Format: uuid */
            registrationId: string;
            partner: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            /** @enum {string} */
            status?: "open" | "resolved";
            resolution?: ("existing_wins" | "new_wins" | "not_a_conflict") | null;
            otherStatus?: ("pending" | "approved" | "rejected" | "won" | "lost" | "expired") | null;
            blocksApproval?: boolean;
        };
        CardRegistration: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "won" | "lost" | "expired";
            partner: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            customer: {
                name: string;
                domain: string | null;
                country: string | null;
            };
            products: string[];
            amount: number;
            currency: string;
            /** Format: date */
            expectedCloseDate: string;
            /** @enum {string} */
            region: "NA" | "LATAM" | "EMEA" | "APAC";
            /** Format: date-time */
            submittedAt: string;
            decision: {
                by: string;
                /** Format: date-time */
                at: string;
                reason: string | null;
            } | null;
            override: {
                by: string;
                /** Format: date-time */
                at: string;
                reason: string;
            } | null;
            protection: {
                /** Format: date-time */
                expiresAt: string;
                daysLeft: number;
            } | null;
            canDecide: boolean;
            /** @description Made from the CRM deal the card is shown on (the `crmDealRef` it asked with); false on a company record, or when the card named no deal */
            forThisDeal: boolean;
            /** @description Who a pending registration waits for and since when; null once decided */
            awaiting: {
                approver: {
                    name: string;
                    email: string;
                } | null;
                /** Format: date-time */
                since: string;
                /** @description "Waiting for Dana Reyes for 2 days" */
                line: string;
            } | null;
            /** @description All of the registration’s conflicts; `conflicts` holds the most pressing few */
            conflictCount: number;
            conflicts: components["schemas"]["CardConflict"][];
            /** @description The latest question an approver asked about the registration ("Ask for details"); null when none was asked */
            detailsRequest: {
                question: string;
                /** @description The asker as the rep reads it: "Ingrid Larsen" */
                askedBy: string;
                /** Format: date-time */
                askedAt: string;
                /** @description null while the question waits for an answer */
                answer: {
                    text: string;
                    by: string;
                    /** Format: date-time */
                    at: string;
                } | null;
            } | null;
        };
        CardHealthComponent: {
            /** @enum {string} */
            component: "engagement" | "pipeline" | "enablement" | "satisfaction" | "support";
            /** @description 0–100; null when the component has no data and is left out of the score */
            value: number | null;
            /** @description Its share of the score in percent */
            share: number;
            explanation: string;
        };
        CardCertification: {
            name: string;
            holderEmail: string | null;
            /** Format: date-time */
            issuedAt: string;
            expiresAt: string | null;
            daysLeft: number | null;
        };
        PartnerPickerReply: {
            partners: components["schemas"]["CardPartner"][];
            /** @description How many partners match in all; `partners` holds the best few */
            total: number;
        };
        RecordRegistrationsReply: {
            viewer: {
                name: string;
            };
            rules: {
                /** @enum {string} */
                rulesOfEngagement: "first_to_register" | "manager_decides";
                protectionWindowDays: number;
                /**
                 * Format: date
                 * @description The earliest expected close date a registration may give today
                 */
                earliestCloseDate: string;
            };
            registrations: components["schemas"]["CardRegistration"][];
        };
        CheckReply: {
            conflictCount: number;
            conflicts: components["schemas"]["CardConflict"][];
        };
        RegistrationReply: {
            registration: components["schemas"]["CardRegistration"];
        };
        CoSellReply: {
            suggestions: {
                partner: components["schemas"]["CardPartner"];
                score: number;
                reasons: string[];
            }[];
            engagements: {
                /** Format: uuid */
                id: string;
                partner: components["schemas"]["CardPartner"] | null;
                /** @enum {string} */
                role: "co_sell" | "implementation" | "referral";
                /** @enum {string} */
                status: "requested" | "accepted" | "declined" | "active" | "closed";
                requestedBy: string;
                /** Format: date-time */
                requestedAt: string;
            }[];
        };
        EngagementReply: {
            engagement: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                role: "co_sell" | "implementation" | "referral";
                /** @enum {string} */
                status: "requested" | "accepted" | "declined" | "active" | "closed";
                /** Format: date-time */
                requestedAt: string;
            };
        };
        PartnerHealthReply: {
            partner: components["schemas"]["CardPartner"];
            health: {
                score: number;
                /** @enum {string} */
                trend: "up" | "flat" | "down" | "new";
                previousScore: number | null;
                evaluatedAt: string | null;
                atRisk: boolean;
                reasons: string[];
                summary: string;
                components: components["schemas"]["CardHealthComponent"][];
            } | null;
            /** @description Why there is no score: not evaluated yet */
            notScored: string | null;
            activity: {
                submittedLast90: number;
                submittedPrevious90: number;
                won: number;
                lost: number;
                rejected: number;
                expired: number;
            };
            pipeline: {
                currency: string;
                amount: number;
                count: number;
            }[];
            certifications: components["schemas"]["CardCertification"][];
        } | {
            partner: null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
