import { LightningElement, api } from 'lwc';

/**
 * What the preview's `lightning-input`, `lightning-combobox` and `lightning-textarea` share (not
 * a Salesforce module): a labelled value, and Salesforce's `change` event with `detail.value` on
 * every edit. The control's own `change` stays inside, as it does in Salesforce.
 */
export default class FieldBase extends LightningElement {
    @api label;
    @api name;
    @api required = false;
    @api placeholder;

    current;

    @api
    get value() {
        return this.current;
    }
    set value(next) {
        this.current = next;
    }

    get controlValue() {
        return this.current === undefined || this.current === null ? '' : String(this.current);
    }

    handleEdit(event) {
        event.stopPropagation();
        this.current = event.target.value;
        this.dispatchEvent(new CustomEvent('change', { detail: { value: this.current } }));
    }

    keepInside(event) {
        event.stopPropagation();
    }
}
