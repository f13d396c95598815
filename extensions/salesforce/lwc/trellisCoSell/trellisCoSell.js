import { LightningElement, api } from 'lwc';
import getCoSell from '@salesforce/apex/TrellisCards.getCoSell';
import requestCoSell from '@salesforce/apex/TrellisCards.requestCoSell';
import { messageOf } from 'c/trellisFormat';
import { writeOnce } from 'c/trellisWrites';

const ROLES = [
    { label: 'Co-sell', value: 'co_sell' },
    { label: 'Implementation', value: 'implementation' },
    { label: 'Referral', value: 'referral' }
];

/** Co-selling on Opportunity pages: suggested partners with their reasons, requests, engaged partners. */
export default class TrellisCoSell extends LightningElement {
    @api recordId;
    @api products = '';

    loading = true;
    error;
    suggestions = [];
    engagements = [];
    role = 'co_sell';
    roles = ROLES;
    requestError;

    connectedCallback() {
        this.load();
    }

    async load() {
        this.loading = true;
        this.error = undefined;
        try {
            const reply = JSON.parse(await getCoSell({ recordId: this.recordId, products: this.products }));
            this.suggestions = reply.suggestions;
            this.engagements = reply.engagements.map((e) => ({ ...e, partnerName: e.partner ? e.partner.name : 'A removed partner' }));
        } catch (e) {
            this.error = messageOf(e).message;
        } finally {
            this.loading = false;
        }
    }

    get isEmpty() {
        return !this.loading && !this.error && this.suggestions.length === 0;
    }
    get hasEngagements() {
        return this.engagements.length > 0;
    }

    handleRole(event) {
        this.role = event.detail.value;
    }

    async request(event) {
        this.requestError = undefined;
        try {
            await writeOnce(requestCoSell, { recordId: this.recordId, partnerId: event.target.dataset.id, role: this.role, note: null });
            await this.load();
        } catch (e) {
            this.requestError = messageOf(e).message;
        }
    }
}
