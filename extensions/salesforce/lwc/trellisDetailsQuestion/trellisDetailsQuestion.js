import { LightningElement, api } from 'lwc';
import answerDetails from '@salesforce/apex/TrellisCards.answerDetails';
import { day, messageOf } from 'c/trellisFormat';
import { writeOnce } from 'c/trellisWrites';

/**
 * An approver's question about a registration ("Ask for details") and the rep's answer, sent where
 * the emailed link's goes: into the Slack thread that asked. Says `changed` once answered.
 */
export default class TrellisDetailsQuestion extends LightningElement {
    @api registration;
    answer = '';
    busy = false;
    error = null;

    get details() {
        return this.registration.detailsRequest;
    }
    get questionLine() {
        return `${this.details.askedBy} asked on ${day(this.details.askedAt)}: ${this.details.question}`;
    }
    get answerLine() {
        const a = this.details.answer;
        return `Answered by ${a.by} on ${day(a.at)}: ${a.text}`;
    }
    get cannotSend() {
        return this.busy || this.answer.trim() === '';
    }

    handleAnswer(event) {
        this.answer = event.detail.value;
    }

    async send() {
        this.busy = true;
        this.error = null;
        try {
            await writeOnce(answerDetails, { registrationId: this.registration.id, answer: this.answer });
            this.answer = '';
            this.dispatchEvent(new CustomEvent('changed'));
        } catch (e) {
            this.error = messageOf(e).message;
        } finally {
            this.busy = false;
        }
    }
}
