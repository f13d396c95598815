import { LightningElement, api } from 'lwc';
import getPartnerHealth from '@salesforce/apex/TrellisCards.getPartnerHealth';
import { messageOf, money } from 'c/trellisFormat';

const TRENDS = { up: 'Improving', flat: 'Steady', down: 'Declining', new: 'First score' };

/** Partner health on the Account pages of partners: score, trend, at-risk reasons, pipeline. */
export default class TrellisPartnerHealth extends LightningElement {
    @api recordId;

    loading = true;
    error;
    reply;

    connectedCallback() {
        this.load();
    }

    async load() {
        this.loading = true;
        this.error = undefined;
        try {
            this.reply = JSON.parse(await getPartnerHealth({ recordId: this.recordId }));
        } catch (e) {
            this.error = messageOf(e).message;
        } finally {
            this.loading = false;
        }
    }

    get notPartner() {
        return !this.loading && !this.error && this.reply && !this.reply.partner;
    }
    get isPartner() {
        return !this.loading && !this.error && this.reply && this.reply.partner;
    }
    get health() {
        return this.reply && this.reply.health;
    }
    get trendLabel() {
        return this.health ? TRENDS[this.health.trend] : '';
    }
    get atRisk() {
        return Boolean(this.health && this.health.atRisk);
    }
    get pipeline() {
        return ((this.reply && this.reply.pipeline) || []).map((p) => ({ key: p.currency, label: `${money(p.amount, p.currency)} in ${p.count} registration${p.count === 1 ? '' : 's'}` }));
    }
}
