import { LightningElement, api } from 'lwc';

/**
 * What the preview's `lightning-input`, `lightning-combobox` and `lightning-textarea` share (not
 * a Salesforce module): SLDS's labelled form element around the control each names, and
 * Salesforce's `change` event with `detail.value` on every edit. The control's own `change` stays
 * inside, as it does in Salesforce. The subclasses have no template of their own: LWC gives them this one.
 */
export default class FieldBase extends LightningElement {
    @api label;
    @api name;
    @api required = false;
    @api placeholder;

    /** Which control the element draws, also its id in the template: `input`, `textarea` or `select`. */
    control = 'input';
    current;

    get isSelect() {
        return this.control === 'select';
    }
    get isTextarea() {
        return this.control === 'textarea';
    }

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
