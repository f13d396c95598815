import type { Position } from './ast';

/** A query the API refuses: MALFORMED_QUERY, INVALID_FIELD or INVALID_TYPE, pointing at where it went wrong. */
export class SoqlError extends Error {
  constructor(
    readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR',
    readonly detail: string,
    readonly pos: Position,
  ) {
    super(detail);
  }

  /** Salesforce's message: the offending line, a caret under the column, then the reason. */
  format(soql: string): string {
    const line = soql.split(/\r?\n/)[this.pos.row - 1] ?? '';
    return `\n${line}\n${' '.repeat(this.pos.column - 1)}^\nERROR at Row:${this.pos.row}:Column:${this.pos.column}\n${this.detail}`;
  }
}
