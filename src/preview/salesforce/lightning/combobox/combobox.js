import { api } from 'lwc';
import FieldBase from 'lightning/fieldBase';

/** `lightning-combobox`, drawn as SLDS's select: its options as `{ label, value }`, the choice in `detail.value`. */
export default class Combobox extends FieldBase {
    @api options = [];
    control = 'select';

    get choices() {
        return (this.options || []).map((o) => ({ ...o, selected: o.value === this.current }));
    }
    get nothingChosen() {
        return !this.choices.some((o) => o.selected);
    }
    get prompt() {
        return this.placeholder || 'Select an Option';
    }
}
