import { LightningElement, api } from 'lwc';

/** `lightning-badge`. */
export default class Badge extends LightningElement {
    @api label;
}
