import { LightningElement, api } from 'lwc';
import getRecordContext from '@salesforce/apex/TrellisCards.getRecordContext';
import getRegistrations from '@salesforce/apex/TrellisCards.getRegistrations';
import { STATUS_LABELS, day, messageOf } from 'c/trellisFormat';

/** What a rep is told once a registration is submitted: who decides, or how long it is protected. */
function confirmationOf(registration) {
    if (registration.status === 'approved' && registration.protection) return `Approved — protected until ${day(registration.protection.expiresAt)}`;
    if (registration.status === 'pending') {
        const approver = registration.awaiting && registration.awaiting.approver;
        return approver ? `Sent to ${approver.name} for approval` : 'Sent for approval';
    }
    return `Registered: ${STATUS_LABELS[registration.status] || registration.status}`;
}

/**
 * Deal registration on Opportunity and Account pages: the same flow as the HubSpot card. On an
 * Opportunity its own registrations come first and the account's others are folded below.
 */
export default class TrellisDealRegistration extends LightningElement {
    @api recordId;
    @api objectApiName;

    loading = true;
    error;
    customer;
    deal;
    registrations = [];
    earliestCloseDate;
    registering = false;
    othersOpen = false;
    confirmation;

    connectedCallback() {
        this.load();
    }

    async load() {
        this.loading = true;
        this.error = undefined;
        try {
            const context = JSON.parse(await getRecordContext({ recordId: this.recordId }));
            this.customer = context.customer;
            this.deal = context.deal;
            if (this.customer) {
                const reply = JSON.parse(await getRegistrations({ recordId: this.recordId }));
                this.registrations = reply.registrations;
                this.earliestCloseDate = reply.rules && reply.rules.earliestCloseDate;
            }
        } catch (e) {
            this.error = messageOf(e).message;
        } finally {
            this.loading = false;
        }
    }

    get ready() {
        return !this.loading && !this.error && Boolean(this.customer);
    }
    get noCustomer() {
        return !this.loading && !this.error && !this.customer;
    }
    get onDeal() {
        return this.objectApiName === 'Opportunity';
    }
    get thisDeal() {
        return this.registrations.filter((r) => r.forThisDeal === true);
    }
    get others() {
        return this.registrations.filter((r) => r.forThisDeal !== true);
    }
    get dealUnregistered() {
        return this.thisDeal.length === 0;
    }
    get accountUnregistered() {
        return this.registrations.length === 0;
    }
    get othersLabel() {
        const n = this.others.length;
        return `${n} other registration${n === 1 ? '' : 's'} for this account`;
    }
    get othersExpanded() {
        return String(this.othersOpen);
    }
    get othersIcon() {
        return this.othersOpen ? 'utility:chevrondown' : 'utility:chevronright';
    }
    get showRegister() {
        return this.ready && !this.registering;
    }
    get registerLabel() {
        return this.onDeal ? 'Register this deal for a partner' : 'Register a deal for a partner';
    }

    toggleOthers() {
        this.othersOpen = !this.othersOpen;
    }

    startRegistration() {
        this.confirmation = undefined;
        this.registering = true;
    }

    cancelRegistration() {
        this.registering = false;
    }

    async registered(event) {
        this.registering = false;
        this.confirmation = confirmationOf(event.detail.registration);
        await this.load();
    }
}
