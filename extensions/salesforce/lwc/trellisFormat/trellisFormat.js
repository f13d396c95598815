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

/**
 * Apex errors arrive as `{ body: { message } }`. A Trellis answer is the API's error object as JSON
 * (`{ code, message, details }`); anything else (a callout that timed out, a Salesforce error) is plain text.
 */
export function messageOf(error) {
    const text = (error && error.body && error.body.message) || (error && error.message) || 'Trellis could not be reached. Try again in a moment.';
    try {
        const answer = JSON.parse(text);
        if (answer && typeof answer.code === 'string') return { code: answer.code, message: answer.message, details: answer.details || [] };
    } catch (notJson) {
        // Plain text: not Trellis's answer.
    }
    return { code: 'error', message: text, details: [] };
}

/** A day as reps read it: "Jun 30, 2026". */
export function day(iso) {
    return new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function money(amount, currency) {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency || 'USD', maximumFractionDigits: 0 }).format(amount);
}

/** The backend sends only a registration's most pressing conflicts; say so when there are more. */
export function moreConflicts(shown, total) {
    return total > shown ? `Showing the ${shown} most pressing of ${total} conflicts.` : null;
}

/** Trellis compares products case-insensitively; show each as the rep typed it where they typed it. */
function asTyped(products, typed) {
    const spelling = new Map(typed.map((p) => [p.toLowerCase(), p]));
    return products.map((p) => spelling.get(p.toLowerCase()) || p);
}

/** A conflict as a title and evidence lines, from the viewing registration's side; `typed` are the products the rep entered. */
export function describeConflict(conflict, typed = []) {
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
            `Overlapping products: ${asTyped(e.overlappingProducts, typed).join(', ')}`,
            `Regions: ${e.regions.submitted} (this one) and ${e.regions.existing} (${conflict.partner.name})`,
            `Their registration is ${OTHER_STATUS[status] || status}`
        ],
        blocks: Boolean(conflict.blocksApproval)
    };
}
