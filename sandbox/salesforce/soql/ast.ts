/** Where a token starts in the query text; rows and columns count from 1 as Salesforce reports them. */
export interface Position {
  offset: number;
  row: number;
  column: number;
}

/** `Name`, `Account.Name`, `Partner__r.Owner.Email`. */
export interface FieldPath {
  parts: string[];
  pos: Position;
}

export type RelativeDateName = 'TODAY' | 'YESTERDAY' | 'TOMORROW' | 'LAST_N_DAYS' | 'NEXT_N_DAYS' | 'N_DAYS_AGO' | 'THIS_MONTH' | 'LAST_MONTH' | 'NEXT_MONTH' | 'THIS_YEAR';

export type Literal =
  | { kind: 'string'; value: string; pos: Position }
  | { kind: 'number'; value: number; pos: Position }
  | { kind: 'boolean'; value: boolean; pos: Position }
  | { kind: 'null'; pos: Position }
  | { kind: 'date'; value: string; pos: Position }
  | { kind: 'datetime'; value: number; pos: Position }
  | { kind: 'relativeDate'; name: RelativeDateName; n?: number; pos: Position };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; operands: Condition[] }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; field: FieldPath; op: ComparisonOperator; value: Literal }
  | { kind: 'like'; field: FieldPath; pattern: Literal }
  | { kind: 'in'; field: FieldPath; negated: boolean; values: Literal[] };

export interface OrderItem {
  field: FieldPath;
  descending: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  select: { kind: 'count' } | { kind: 'fields'; fields: FieldPath[] };
  from: { name: string; pos: Position };
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}
