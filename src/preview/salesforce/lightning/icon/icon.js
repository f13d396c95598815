import { LightningElement, api } from 'lwc';

/** The utility icons the components use, drawn as text: the preview has no Salesforce icon sprites. */
const GLYPHS = { 'utility:chevronright': '›', 'utility:chevrondown': '⌄' };

/** `lightning-icon`. */
export default class Icon extends LightningElement {
    @api iconName;
    @api size;
    @api alternativeText;

    get glyph() {
        return GLYPHS[this.iconName] ?? '•';
    }
    get iconClass() {
        return `slds-icon_container slds-icon_${this.size ?? 'small'}`;
    }
    get hidden() {
        return this.alternativeText ? 'false' : 'true';
    }
}
