import { LightningElement, api } from 'lwc';
import getRegistrations from '@salesforce/apex/TrellisCards.getRegistrations';
import searchPartners from '@salesforce/apex/TrellisCards.searchPartners';
import checkRegistration from '@salesforce/apex/TrellisCards.checkRegistration';
import submitRegistration from '@salesforce/apex/TrellisCards.submitRegistration';
import { day, messageOf } from 'c/trellisFormat';
import { writeOnce } from 'c/trellisWrites';

const DEBOUNCE_MS = 300;
const CURRENCY = 'USD';
/** Trellis answers at most this many partners a search, without a count: a full page means more may match. */
const PARTNER_PAGE = 10;
/** The form field each top-level field of Trellis's registration input is entered in. */
const FIELD_OF_INPUT = { partnerId: 'partner', products: 'products', amount: 'amount', currency: 'amount', expectedCloseDate: 'closeDate' };
/** Refusals about one field that carry no field path. */
const FIELD_OF_CODE = { close_date_in_past: 'closeDate' };
const MISSING_WORDS = { partner: 'a partner', products: 'the products', amount: 'an amount', closeDate: 'an expected close date' };

const productsOf = (text) => (text || '').split(',').map((p) => p.trim()).filter(Boolean);
const listed = (words) => (words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0]);

/**
 * Registers the record's deal for a partner, as Salesforce's own forms behave: a searchable partner
 * lookup, required fields marked, Trellis's refusals shown at the field they are about, and a live
 * conflict check before anything is submitted. Says `registered` (with the registration) or `cancel`.
 */
export default class TrellisRegistrationForm extends LightningElement {
    @api recordId;
    @api objectApiName;
    @api customer;
    @api deal;
    @api earliestCloseDate;
    /** The registrations the card shows: where an earlier registration a refusal points at is looked up. */
    @api registrations = [];

    search = '';
    partners = [];
    searched = false;
    pickerOpen = false;
    /** The option the arrow keys are on, as in Salesforce's lookups; -1 for none. */
    activeIndex = -1;
    partner = null;
    products = '';
    amount;
    closeDate;
    check = { state: 'idle', conflicts: [] };
    submitting = false;
    formError;
    timers = {};

    connectedCallback() {
        this.amount = this.deal && this.deal.amount;
        this.closeDate = (this.deal && this.deal.closeDate) || new Date(Date.now() + 90 * 86400000).toISOString().slice(0, 10);
        this.findPartners('');
    }

    disconnectedCallback() {
        Object.values(this.timers).forEach(clearTimeout);
    }

    get partnerOptions() {
        return this.partners.map((p, i) => ({
            id: p.id,
            name: p.name,
            meta: `${p.tier} · ${p.region}`,
            selected: String(i === this.activeIndex),
            className: `slds-media slds-listbox__option slds-listbox__option_entity partner-option${i === this.activeIndex ? ' slds-has-focus' : ''}`
        }));
    }
    get pickerExpanded() {
        return this.pickerOpen && this.partners.length > 0;
    }
    get comboboxClass() {
        return `slds-combobox slds-dropdown-trigger slds-dropdown-trigger_click${this.pickerExpanded ? ' slds-is-open' : ''}`;
    }
    get ariaExpanded() {
        return String(this.pickerExpanded);
    }
    get moreMatches() {
        return this.partners.length >= PARTNER_PAGE;
    }
    get noMatches() {
        return this.searched && !this.partner && this.search.trim() !== '' && this.partners.length === 0;
    }
    get amountLabel() {
        return `Amount (${CURRENCY})`;
    }
    get typedProducts() {
        return productsOf(this.products);
    }
    get checking() {
        return this.check.state === 'checking';
    }
    get checkClear() {
        return this.check.state === 'done' && this.check.conflicts.length === 0;
    }
    get checkFailed() {
        return this.check.state === 'failed' ? this.check.message : null;
    }
    get missing() {
        const given = { partner: this.partner, products: this.typedProducts.length > 0, amount: this.amount !== undefined && this.amount !== null && this.amount !== '', closeDate: this.closeDate };
        return Object.keys(MISSING_WORDS).filter((field) => !given[field]);
    }
    get missingLabel() {
        const missing = this.missing;
        return missing.length ? `To register, add ${listed(missing.map((f) => MISSING_WORDS[f]))}.` : null;
    }
    get cannotSubmit() {
        return this.missing.length > 0 || this.submitting;
    }
    get submitLabel() {
        return this.check.state === 'done' && this.check.conflicts.length > 0 ? 'Register anyway for review' : 'Register deal';
    }

    debounce(key, work) {
        clearTimeout(this.timers[key]);
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.timers[key] = setTimeout(work, DEBOUNCE_MS);
    }

    openPicker() {
        this.pickerOpen = !this.partner;
    }

    handleSearch(event) {
        this.search = event.detail.value || '';
        this.partner = null;
        this.pickerOpen = true;
        this.edited(event.target);
        const text = this.search;
        this.debounce('search', () => this.findPartners(text));
        this.debounce('check', () => this.runCheck());
    }

    async findPartners(text) {
        try {
            this.partners = JSON.parse(await searchPartners({ text })).partners;
        } catch (e) {
            this.partners = [];
        }
        this.activeIndex = -1;
        this.searched = true;
    }

    /** Arrow keys move through the matches, Enter takes the one they are on, Escape closes the list. */
    handlePickerKeys(event) {
        if (!this.pickerExpanded) return;
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            const next = this.activeIndex + (event.key === 'ArrowDown' ? 1 : -1);
            this.activeIndex = next < 0 ? this.partners.length - 1 : next % this.partners.length;
        } else if (event.key === 'Enter' && this.activeIndex >= 0) {
            event.preventDefault();
            this.choose(this.partners[this.activeIndex]);
        } else if (event.key === 'Escape') {
            this.pickerOpen = false;
        }
    }

    choosePartner(event) {
        this.choose(this.partners.find((p) => p.id === event.currentTarget.dataset.id));
    }

    choose(chosen) {
        this.partner = { id: chosen.id, name: chosen.name };
        this.search = chosen.name;
        this.pickerOpen = false;
        this.edited(this.template.querySelector('[data-field="partner"]'));
        this.debounce('check', () => this.runCheck());
    }

    handleField(event) {
        this[event.target.dataset.field] = event.detail.value;
        this.edited(event.target);
        this.debounce('check', () => this.runCheck());
    }

    /** An edited field no longer carries the refusal it was marked with. */
    edited(input) {
        this.formError = undefined;
        input.setCustomValidity('');
        input.reportValidity();
    }

    input() {
        if (this.missing.length) return null;
        const customer = { name: this.customer.name };
        if (this.customer.domain) customer.domain = this.customer.domain;
        if (this.customer.country) customer.country = this.customer.country;
        return { partnerId: this.partner.id, customer, products: this.typedProducts, amount: Number(this.amount), currency: CURRENCY, expectedCloseDate: this.closeDate };
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
        const input = this.input();
        if (!input) return;
        // On an Opportunity the registration is made from it: Trellis links the two and shows it as this deal's.
        const registration = this.objectApiName === 'Opportunity' ? { ...input, crmDealRef: `salesforce:Opportunity:${this.recordId}` } : input;
        this.submitting = true;
        this.formError = undefined;
        try {
            const reply = JSON.parse(await writeOnce(submitRegistration, { registrationJson: JSON.stringify(registration) }));
            this.dispatchEvent(new CustomEvent('registered', { detail: { registration: reply.registration } }));
        } catch (e) {
            await this.refused(messageOf(e));
        } finally {
            this.submitting = false;
        }
    }

    /** Each refusal once: at the field it is about where there is one, above the button otherwise. */
    async refused(failure) {
        if (failure.code === 'duplicate_registration') {
            this.formError = await this.alreadyRegistered(failure);
            return;
        }
        const atFields = {};
        const elsewhere = new Set();
        const details = Array.isArray(failure.details) ? failure.details : [];
        for (const detail of details) {
            const field = FIELD_OF_INPUT[detail.path && detail.path[0]];
            if (field) (atFields[field] = atFields[field] || new Set()).add(detail.message);
            else elsewhere.add(`${(detail.path || []).join('.')}: ${detail.message}`);
        }
        if (FIELD_OF_CODE[failure.code]) atFields[FIELD_OF_CODE[failure.code]] = new Set([failure.message]);
        for (const input of this.template.querySelectorAll('[data-field]')) {
            input.setCustomValidity(atFields[input.dataset.field] ? [...atFields[input.dataset.field]].join(' ') : '');
            input.reportValidity();
        }
        if (elsewhere.size) this.formError = [...elsewhere].join(' ');
        else if (Object.keys(atFields).length === 0) this.formError = failure.message;
    }

    /** The partner already holds this registration: name it and its date rather than the bare refusal. */
    async alreadyRegistered(failure) {
        const details = failure.details || {};
        const pointer = /\(([0-9a-f-]{36})\)/.exec(failure.message);
        const id = details.registrationId || details.existingRegistrationId || (pointer && pointer[1]);
        const existing = (await this.registrationsWith(id)).find((r) => r.id === id);
        if (!existing) return `Already registered by ${this.partner.name}. Ask for that registration to be extended instead.`;
        return `Already registered by ${existing.partner.name} on ${day(existing.submittedAt)}. Ask for that registration to be extended instead.`;
    }

    /** The card's registrations, read again when the one looked for is newer than them. */
    async registrationsWith(id) {
        if (!id || this.registrations.some((r) => r.id === id)) return this.registrations;
        try {
            return JSON.parse(await getRegistrations({ recordId: this.recordId })).registrations;
        } catch (e) {
            return [];
        }
    }

    cancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
    }
}
