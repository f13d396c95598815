/** Shared by the Trellis components: reading Apex answers and errors, and the words for statuses and conflicts. */
export const STATUS_LABELS = {
    pending: 'Pending approval',
    approved: 'Approved',
    rejected: 'Rejected',
    won: 'Won',
    lost: 'Lost',
    expired: 'Expired'
};

const OTHER_STATUS = { pending: 'pending approval', approved: 'approved and protected', rejected: 'rejected', won: 'closed won', lost: 'closed lost', expired: 'expired' };
const KINDS = { duplicate: 'Duplicate registration', cross_region: 'Cross-region conflict' };

/** Apex errors arrive as `{ body: { message } }`; the message starts with Trellis's error code. */
export function messageOf(error) {
    const message = (error && error.body && error.body.message) || (error && error.message) || 'Trellis could not be reached. Try again in a moment.';
    const match = /^([a-z_]+): (.*)$/s.exec(message);
    return match ? { code: match[1], message: match[2] } : { code: 'error', message };
}

export function money(amount, currency) {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency || 'USD', maximumFractionDigits: 0 }).format(amount);
}

/** The backend sends only a registration's most pressing conflicts; say so when there are more. */
export function moreConflicts(shown, total) {
    return total > shown ? `Showing the ${shown} most pressing of ${total} conflicts.` : null;
}

/** A conflict as a title and evidence lines, from the viewing registration's side. */
export function describeConflict(conflict) {
    const e = conflict.evidence;
    const status = conflict.otherStatus || e.existingStatus;
    return {
        key: conflict.id || conflict.registrationId,
        title: `${KINDS[conflict.kind] || conflict.kind} with ${conflict.partner.name}`,
        lines: [
            e.matchedOn === 'crm_company'
                ? `Same CRM company record: ${e.crmCompany}`
                : e.matchedOn === 'domain'
                  ? `Same web domain: ${e.customer.normalizedDomain}`
                  : `Similar names: "${e.customer.normalizedName}" and "${e.existingCustomer.normalizedName}"`,
            `Overlapping products: ${e.overlappingProducts.join(', ')}`,
            `Regions: ${e.regions.submitted} (this one) and ${e.regions.existing} (${conflict.partner.name})`,
            `Their registration is ${OTHER_STATUS[status] || status}`
        ],
        blocks: Boolean(conflict.blocksApproval)
    };
}
