import { LightningElement, api } from 'lwc';

/** `lightning-spinner`: SLDS's spinning dots, with its alternative text for screen readers. */
export default class Spinner extends LightningElement {
    @api alternativeText;
    @api size = 'medium';

    get spinnerClass() {
        return `slds-spinner slds-spinner_brand slds-spinner_${this.size || 'medium'}`;
    }
}
