import { LightningElement, api } from 'lwc';
import getPartnerHealth from '@salesforce/apex/TrellisCards.getPartnerHealth';
import { messageOf, money } from 'c/trellisFormat';

const TRENDS = { up: 'Improving', flat: 'Steady', down: 'Declining', new: 'First score' };
const COMPONENTS = { engagement: 'Engagement', pipeline: 'Pipeline', enablement: 'Enablement', satisfaction: 'Satisfaction', support: 'Support load' };
/** Within this many days a certification is about to lapse, and enablement with it. */
const EXPIRES_SOON_DAYS = 30;

const day = (iso) => new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const expiry = (c) => (c.expiresAt === null ? 'does not expire' : `expires ${day(c.expiresAt)} (in ${c.daysLeft} ${c.daysLeft === 1 ? 'day' : 'days'})`);

/** Partner health on the Account pages of partners: score, trend, components, at-risk reasons, pipeline, certifications. */
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
    get evaluatedLabel() {
        return this.health && this.health.evaluatedAt ? `Evaluated ${day(this.health.evaluatedAt)}` : null;
    }
    get trendLabel() {
        return this.health ? TRENDS[this.health.trend] : '';
    }
    get atRisk() {
        return Boolean(this.health && this.health.atRisk);
    }
    get components() {
        return ((this.health && this.health.components) || []).map((c) => ({
            key: c.component,
            label: c.value === null ? `${COMPONENTS[c.component]}: no data` : `${COMPONENTS[c.component]}: ${c.value} / 100 · ${c.share} % of the score`,
            value: c.value || 0,
            hasValue: c.value !== null,
            explanation: c.explanation
        }));
    }
    get certifications() {
        return ((this.reply && this.reply.certifications) || []).map((c) => ({
            key: `${c.name}/${c.holderEmail || ''}/${c.issuedAt}`,
            label: `${c.name}${c.holderEmail ? ` · ${c.holderEmail}` : ''} · ${expiry(c)}`,
            expiresSoon: c.daysLeft !== null && c.daysLeft <= EXPIRES_SOON_DAYS
        }));
    }
    get noCertifications() {
        return this.certifications.length === 0;
    }
    get noPipeline() {
        return this.pipeline.length === 0;
    }
    get pipeline() {
        return ((this.reply && this.reply.pipeline) || []).map((p) => ({ key: p.currency, label: `${money(p.amount, p.currency)} in ${p.count} registration${p.count === 1 ? '' : 's'}` }));
    }
}
