import FieldBase from 'lightning/fieldBase';

/** `lightning-textarea`. */
export default class Textarea extends FieldBase {
    control = 'textarea';
}
