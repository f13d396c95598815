import { LightningElement, api } from 'lwc';

/** `lightning-button`: its click reaches the host's `onclick` through the shadow boundary, as in Salesforce. */
export default class Button extends LightningElement {
    @api label;
    @api variant = 'neutral';
    @api disabled = false;

    get buttonClass() {
        return `slds-button slds-button_${this.variant || 'neutral'}`;
    }
}
