import { LightningElement, api } from 'lwc';
import approve from '@salesforce/apex/TrellisCards.approve';
import reject from '@salesforce/apex/TrellisCards.reject';
import { STATUS_LABELS, messageOf, money } from 'c/trellisFormat';
import { writeOnce } from 'c/trellisWrites';

/** One deal registration with its conflicts, and the partner manager's approve and reject; says `changed` after a decision. */
export default class TrellisRegistration extends LightningElement {
    @api registration;
    decision = null;

    get statusLabel() {
        return STATUS_LABELS[this.registration.status] || this.registration.status;
    }
    get summary() {
        const r = this.registration;
        return `${money(r.amount, r.currency)} · ${r.products.join(', ')} · ${r.region} · closes ${r.expectedCloseDate}`;
    }
    get protectionLabel() {
        const p = this.registration.protection;
        return p ? `Protected for ${p.daysLeft} more days` : null;
    }
    get showDecisionButtons() {
        return this.registration.canDecide && !this.askingReason;
    }
    get askingReason() {
        return Boolean(this.decision && this.decision.kind !== 'failed');
    }
    get decisionError() {
        return this.decision && this.decision.error;
    }

    async handleApprove() {
        await this.decide(() => writeOnce(approve, { registrationId: this.registration.id, overrideReason: null }));
    }

    handleReject() {
        this.decision = { kind: 'reject', label: 'Why is it rejected?', reason: '' };
    }

    handleReason(event) {
        this.decision = { ...this.decision, reason: event.detail.value };
    }

    async confirmDecision() {
        const { kind, reason } = this.decision;
        const id = this.registration.id;
        await this.decide(() => (kind === 'reject' ? writeOnce(reject, { registrationId: id, reason }) : writeOnce(approve, { registrationId: id, overrideReason: reason })));
    }

    handleChanged() {
        this.dispatchEvent(new CustomEvent('changed'));
    }

    cancelDecision() {
        this.decision = null;
    }

    async decide(call) {
        try {
            await call();
            this.decision = null;
            this.dispatchEvent(new CustomEvent('changed'));
        } catch (e) {
            const failure = messageOf(e);
            if (failure.code === 'blocked_by_protected_registration') {
                this.decision = { kind: 'override', label: 'Why override the protected registration?', reason: '' };
            } else {
                this.decision = { ...(this.decision || { kind: 'failed' }), error: failure.message };
            }
        }
    }
}
