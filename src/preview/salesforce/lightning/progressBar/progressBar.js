import { LightningElement, api } from 'lwc';

/** `lightning-progress-bar`: a value from 0 to 100. */
export default class ProgressBar extends LightningElement {
    @api value = 0;
    @api size = 'medium';

    get barClass() {
        return `slds-progress-bar slds-progress-bar_${this.size || 'medium'}`;
    }
    get valueStyle() {
        return `width: ${Math.max(0, Math.min(100, Number(this.value) || 0))}%`;
    }
}
