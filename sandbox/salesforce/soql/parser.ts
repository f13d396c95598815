import type { ComparisonOperator, Condition, FieldPath, Literal, OrderItem, RelativeDateName, SoqlQuery } from './ast';
import { SoqlError } from './errors';
import { tokenize, type Token } from './lexer';

const RELATIVE_DATES = new Set<RelativeDateName>(['TODAY', 'YESTERDAY', 'TOMORROW', 'THIS_MONTH', 'LAST_MONTH', 'NEXT_MONTH', 'THIS_YEAR']);
const RELATIVE_DATES_WITH_N = new Set<RelativeDateName>(['LAST_N_DAYS', 'NEXT_N_DAYS', 'N_DAYS_AGO']);
/** Words that end a field list or condition, so they can never be read as field names. */
const RESERVED = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'ORDER', 'BY', 'LIMIT', 'OFFSET', 'GROUP', 'HAVING', 'WITH', 'FOR', 'USING', 'NULLS', 'ASC', 'DESC']);

/** Parses the SOQL subset the emulator answers; anything else is MALFORMED_QUERY, as Salesforce reports it. */
export function parseSoql(soql: string): SoqlQuery {
  return new Parser(tokenize(soql)).query();
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  query(): SoqlQuery {
    this.expectKeyword('SELECT');
    const select = this.selectList();
    this.expectKeyword('FROM');
    const fromToken = this.expect('identifier');
    if (fromToken.text.includes('.') || RESERVED.has(fromToken.text.toUpperCase())) throw this.unexpected(fromToken);
    const query: SoqlQuery = { select, from: { name: fromToken.text, pos: fromToken.pos }, orderBy: [] };
    if (this.acceptKeyword('WHERE')) query.where = this.condition();
    if (this.acceptKeyword('ORDER')) {
      this.expectKeyword('BY');
      query.orderBy = this.orderList();
    }
    if (this.acceptKeyword('LIMIT')) query.limit = this.nonNegativeInteger();
    if (this.acceptKeyword('OFFSET')) query.offset = this.nonNegativeInteger();
    const end = this.peek();
    if (end.kind !== 'eof') throw this.unexpected(end);
    return query;
  }

  private selectList(): SoqlQuery['select'] {
    const first = this.peek();
    if (first.kind === 'identifier' && first.text.toUpperCase() === 'COUNT' && this.peek(1).kind === 'lparen') {
      this.index += 2;
      this.expect('rparen');
      return { kind: 'count' };
    }
    const fields = [this.fieldPath()];
    while (this.accept('comma')) fields.push(this.fieldPath());
    return { kind: 'fields', fields };
  }

  private fieldPath(): FieldPath {
    const token = this.expect('identifier');
    if (RESERVED.has(token.text.toUpperCase())) throw this.unexpected(token);
    // Aggregates, subqueries and FIELDS() are outside the emulated subset.
    if (this.peek().kind === 'lparen') throw this.unexpected(this.peek());
    return { parts: token.text.split('.'), pos: token.pos };
  }

  /** Salesforce refuses AND and OR side by side without parentheses, so a level holds one kind only. */
  private condition(): Condition {
    const first = this.unary();
    const next = this.peekKeyword();
    if (next !== 'AND' && next !== 'OR') return first;
    const operands = [first];
    while (this.acceptKeyword(next)) operands.push(this.unary());
    const mixed = this.peekKeyword();
    if (mixed === 'AND' || mixed === 'OR') throw this.unexpected(this.peek());
    return { kind: next === 'AND' ? 'and' : 'or', operands };
  }

  private unary(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', operand: this.unary() };
    if (this.accept('lparen')) {
      const inner = this.condition();
      this.expect('rparen');
      return inner;
    }
    return this.predicate();
  }

  private predicate(): Condition {
    const field = this.fieldPath();
    const token = this.peek();
    if (token.kind === 'operator') {
      this.index++;
      return { kind: 'compare', field, op: token.text as ComparisonOperator, value: this.literal() };
    }
    if (this.acceptKeyword('LIKE')) {
      const pattern = this.literal();
      if (pattern.kind !== 'string') throw this.unexpected(this.previous());
      return { kind: 'like', field, pattern };
    }
    const negated = this.acceptKeyword('NOT');
    if (this.acceptKeyword('IN')) {
      this.expect('lparen');
      const values = [this.literal()];
      while (this.accept('comma')) values.push(this.literal());
      this.expect('rparen');
      return { kind: 'in', field, negated, values };
    }
    throw this.unexpected(this.peek());
  }

  private literal(): Literal {
    const token = this.next();
    const { pos } = token;
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.text, pos };
      case 'number':
        return { kind: 'number', value: Number(token.text), pos };
      case 'date':
        if (Number.isNaN(Date.parse(token.text))) throw new SoqlError('MALFORMED_QUERY', `invalid date: ${token.text}`, pos);
        return { kind: 'date', value: token.text, pos };
      case 'datetime':
        return { kind: 'datetime', value: Date.parse(token.text), pos };
      case 'identifier':
        return this.wordLiteral(token);
      default:
        throw this.unexpected(token);
    }
  }

  private wordLiteral(token: Token): Literal {
    const word = token.text.toUpperCase();
    const { pos } = token;
    if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE', pos };
    if (word === 'NULL') return { kind: 'null', pos };
    if (RELATIVE_DATES.has(word as RelativeDateName)) return { kind: 'relativeDate', name: word as RelativeDateName, pos };
    if (RELATIVE_DATES_WITH_N.has(word as RelativeDateName)) {
      this.expect('colon');
      return { kind: 'relativeDate', name: word as RelativeDateName, n: this.nonNegativeInteger(), pos };
    }
    throw this.unexpected(token);
  }

  private orderList(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const field = this.fieldPath();
      const descending = this.acceptKeyword('DESC');
      if (!descending) this.acceptKeyword('ASC');
      let nullsLast = descending;
      if (this.acceptKeyword('NULLS')) {
        if (this.acceptKeyword('LAST')) nullsLast = true;
        else {
          this.expectKeyword('FIRST');
          nullsLast = false;
        }
      }
      items.push({ field, descending, nullsLast });
    } while (this.accept('comma'));
    return items;
  }

  private nonNegativeInteger(): number {
    const token = this.expect('number');
    const value = Number(token.text);
    if (!Number.isInteger(value) || value < 0) throw this.unexpected(token);
    return value;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)]!;
  }

  private previous(): Token {
    return this.tokens[this.index - 1]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private peekKeyword(): string | undefined {
    const token = this.peek();
    return token.kind === 'identifier' ? token.text.toUpperCase() : undefined;
  }

  private accept(kind: Token['kind']): boolean {
    if (this.peek().kind !== kind) return false;
    this.index++;
    return true;
  }

  private acceptKeyword(word: string): boolean {
    if (this.peekKeyword() !== word) return false;
    this.index++;
    return true;
  }

  private expect(kind: Token['kind']): Token {
    const token = this.peek();
    if (token.kind !== kind) throw this.unexpected(token);
    this.index++;
    return token;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) throw this.unexpected(this.peek());
  }

  private unexpected(token: Token): SoqlError {
    const shown = token.kind === 'eof' ? '<EOF>' : `'${token.text}'`;
    return new SoqlError('MALFORMED_QUERY', `unexpected token: ${shown}`, token.pos);
  }
}
