/** Field types as describe reports them (the subset the emulator models). */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference';

export interface FieldDefinition {
  name: string;
  label: string;
  type: FieldType;
  custom: boolean;
  /** Required on create (and may not be cleared): describe's `nillable: false` on a createable field. */
  required: boolean;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  /** Maintained by the platform (system fields, formula-like derived fields). */
  calculated: boolean;
  externalId: boolean;
  unique: boolean;
  length?: number;
  precision?: number;
  scale?: number;
  referenceTo?: string[];
  relationshipName?: string;
  picklistValues?: string[];
  restrictedPicklist?: boolean;
  /** The value a create gets when the field is omitted. */
  defaultValue?: string | number | boolean;
  /** An auto-number field's display format, e.g. `REG-{00000}`: the platform numbers each new record. */
  autoNumberFormat?: string;
}

export interface ObjectDefinition {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  fields: FieldDefinition[];
}

/** The JSON form of a field value as stored and returned by the REST API. */
export type FieldValue = string | number | boolean | null;
