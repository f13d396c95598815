import { LightningElement, api } from 'lwc';
import getRecordContext from '@salesforce/apex/TrellisCards.getRecordContext';
import getRegistrations from '@salesforce/apex/TrellisCards.getRegistrations';
import searchPartners from '@salesforce/apex/TrellisCards.searchPartners';
import checkRegistration from '@salesforce/apex/TrellisCards.checkRegistration';
import submitRegistration from '@salesforce/apex/TrellisCards.submitRegistration';
import approve from '@salesforce/apex/TrellisCards.approve';
import reject from '@salesforce/apex/TrellisCards.reject';
import { STATUS_LABELS, describeConflict, messageOf, money, moreConflicts } from 'c/trellisFormat';
import { writeOnce } from 'c/trellisWrites';

const DEBOUNCE_MS = 300;

/** Deal registration on Opportunity and Account pages: the same flow as the HubSpot card. */
export default class TrellisDealRegistration extends LightningElement {
    @api recordId;
    @api objectApiName;

    loading = true;
    error;
    customer;
    deal;
    registrations = [];
    registering = false;
    partnerOptions = [];
    partnerId;
    products = '';
    amount;
    closeDate;
    check = { state: 'idle', conflicts: [] };
    submitError;
    deciding = {};
    timers = {};

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
                this.registrations = JSON.parse(await getRegistrations({ recordId: this.recordId })).registrations;
            }
        } catch (e) {
            this.error = messageOf(e).message;
        } finally {
            this.loading = false;
        }
    }

    get noCustomer() {
        return !this.loading && !this.error && !this.customer;
    }
    get isEmpty() {
        return !this.loading && !this.error && this.customer && this.registrations.length === 0 && !this.registering;
    }
    get showRegister() {
        return !this.loading && !this.error && this.customer && !this.registering;
    }
    get rows() {
        return this.registrations.map((r) => ({
            ...r,
            statusLabel: STATUS_LABELS[r.status] || r.status,
            amountLabel: money(r.amount, r.currency),
            productsLabel: r.products.join(', '),
            protectionLabel: r.protection ? `Protected for ${r.protection.daysLeft} more days` : null,
            conflictViews: r.conflicts.map(describeConflict),
            moreConflictsLabel: moreConflicts(r.conflicts.length, r.conflictCount),
            decision: this.deciding[r.id] || null,
            showDecisionButtons: r.canDecide && !this.deciding[r.id]
        }));
    }
    get checkConflicts() {
        return this.check.conflicts.map(describeConflict);
    }
    get checkMoreConflicts() {
        return moreConflicts(this.check.conflicts.length, this.check.total);
    }
    get checkClear() {
        return this.check.state === 'done' && this.check.conflicts.length === 0;
    }
    get cannotSubmit() {
        return !this.input();
    }

    startRegistration() {
        this.registering = true;
        this.amount = this.deal && this.deal.amount;
        this.closeDate = (this.deal && this.deal.closeDate) || new Date(Date.now() + 90 * 86400000).toISOString().slice(0, 10);
        this.search('');
    }

    debounce(key, work) {
        clearTimeout(this.timers[key]);
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.timers[key] = setTimeout(work, DEBOUNCE_MS);
    }

    handleSearch(event) {
        const text = event.detail.value;
        this.debounce('search', () => this.search(text));
    }

    async search(text) {
        try {
            const { partners } = JSON.parse(await searchPartners({ text }));
            this.partnerOptions = partners.map((p) => ({ label: `${p.name} · ${p.tier} · ${p.region}`, value: p.id }));
        } catch (e) {
            this.partnerOptions = [];
        }
    }

    handleField(event) {
        this[event.target.name] = event.detail.value;
        this.debounce('check', () => this.runCheck());
    }

    input() {
        const products = (this.products || '').split(',').map((p) => p.trim()).filter(Boolean);
        if (!this.partnerId || products.length === 0 || this.amount === undefined || this.amount === null || this.amount === '') return null;
        const customer = { name: this.customer.name };
        if (this.customer.domain) customer.domain = this.customer.domain;
        if (this.customer.country) customer.country = this.customer.country;
        return { partnerId: this.partnerId, customer, products, amount: Number(this.amount), currency: 'USD', expectedCloseDate: this.closeDate };
    }

    async runCheck() {
        const input = this.input();
        if (!input) {
            this.check = { state: 'idle', conflicts: [] };
            return;
        }
        this.check = { state: 'checking', conflicts: [] };
        try {
            const reply = JSON.parse(await checkRegistration({ registrationJson: JSON.stringify(input) }));
            this.check = { state: 'done', conflicts: reply.conflicts, total: reply.conflictCount };
        } catch (e) {
            this.check = { state: 'failed', conflicts: [], message: messageOf(e).message };
        }
    }

    async submit() {
        this.submitError = undefined;
        try {
            await writeOnce(submitRegistration, { registrationJson: JSON.stringify(this.input()) });
            this.registering = false;
            await this.load();
        } catch (e) {
            this.submitError = messageOf(e).message;
        }
    }

    cancelRegistration() {
        this.registering = false;
    }

    async handleApprove(event) {
        await this.decide(event.target.dataset.id, () => writeOnce(approve, { registrationId: event.target.dataset.id, overrideReason: null }));
    }

    handleReject(event) {
        this.deciding = { ...this.deciding, [event.target.dataset.id]: { kind: 'reject', label: 'Why is it rejected?', reason: '' } };
    }

    handleReason(event) {
        const id = event.target.dataset.id;
        this.deciding = { ...this.deciding, [id]: { ...this.deciding[id], reason: event.detail.value } };
    }

    async confirmDecision(event) {
        const id = event.target.dataset.id;
        const d = this.deciding[id];
        await this.decide(id, () =>
            d.kind === 'reject' ? writeOnce(reject, { registrationId: id, reason: d.reason }) : writeOnce(approve, { registrationId: id, overrideReason: d.reason })
        );
    }

    cancelDecision(event) {
        const next = { ...this.deciding };
        delete next[event.target.dataset.id];
        this.deciding = next;
    }

    async decide(id, call) {
        try {
            await call();
            this.cancelDecision({ target: { dataset: { id } } });
            await this.load();
        } catch (e) {
            const failure = messageOf(e);
            if (failure.code === 'blocked_by_protected_registration') {
                this.deciding = { ...this.deciding, [id]: { kind: 'override', label: 'Why override the protected registration?', reason: '' } };
            } else {
                this.deciding = { ...this.deciding, [id]: { ...(this.deciding[id] || { kind: 'none', label: '' }), error: failure.message } };
            }
        }
    }
}
