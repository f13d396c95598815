import { api } from 'lwc';
import FieldBase from 'lightning/fieldBase';

/** `lightning-input` for the types the Trellis components use: text, search, number and date. */
export default class Input extends FieldBase {
    @api type = 'text';
}
