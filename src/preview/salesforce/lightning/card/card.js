import { LightningElement, api } from 'lwc';

/** `lightning-card` as the preview draws it: SLDS card markup, the icon as a coloured tile. */
export default class Card extends LightningElement {
    @api title;
    @api iconName;

    get iconClass() {
        return `slds-icon_container preview-icon preview-icon_${(this.iconName || 'standard:default').replace(':', '-')}`;
    }
    get iconInitial() {
        return (this.title || '').replace(/^Trellis:\s*/, '').charAt(0);
    }
}
