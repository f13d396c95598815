import type { Position } from './ast';
import { SoqlError } from './errors';

export type TokenKind = 'identifier' | 'string' | 'number' | 'date' | 'datetime' | 'operator' | 'lparen' | 'rparen' | 'comma' | 'colon' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text (for strings, the unescaped value). */
  text: string;
  pos: Position;
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER = /^-?\d+(?:\.\d+)?/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/;
const OPERATOR = /^(?:<=|>=|!=|<>|=|<|>)/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', '%': '\\%', _: '\\_' };

/** Splits SOQL into tokens; keywords stay identifiers and the parser recognises them case-insensitively. */
export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  let row = 1;
  let lineStart = 0;
  const here = (): Position => ({ offset, row, column: offset - lineStart + 1 });
  while (offset < soql.length) {
    const ch = soql[offset]!;
    if (ch === '\n') {
      offset++;
      row++;
      lineStart = offset;
      continue;
    }
    if (/\s/.test(ch)) {
      offset++;
      continue;
    }
    const pos = here();
    const rest = soql.slice(offset);
    if (ch === "'") {
      const { value, length } = readString(soql, offset, pos);
      tokens.push({ kind: 'string', text: value, pos });
      offset += length;
      continue;
    }
    const single: Partial<Record<string, TokenKind>> = { '(': 'lparen', ')': 'rparen', ',': 'comma', ':': 'colon' };
    const singleKind = single[ch];
    if (singleKind) {
      tokens.push({ kind: singleKind, text: ch, pos });
      offset++;
      continue;
    }
    const match =
      matchToken(rest, DATETIME, 'datetime') ??
      matchToken(rest, DATE, 'date') ??
      matchToken(rest, NUMBER, 'number') ??
      matchToken(rest, IDENTIFIER, 'identifier') ??
      matchToken(rest, OPERATOR, 'operator');
    if (!match) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${ch}'`, pos);
    tokens.push({ kind: match.kind, text: match.text === '<>' ? '!=' : match.text, pos });
    offset += match.text.length;
  }
  tokens.push({ kind: 'eof', text: '<EOF>', pos: here() });
  return tokens;
}

function matchToken(rest: string, pattern: RegExp, kind: TokenKind): { kind: TokenKind; text: string } | undefined {
  const m = pattern.exec(rest);
  return m ? { kind, text: m[0] } : undefined;
}

/** Reads a quoted string; `\%` and `\_` stay escaped so LIKE can tell them from wildcards. */
function readString(soql: string, start: number, pos: Position): { value: string; length: number } {
  let value = '';
  for (let i = start + 1; i < soql.length; i++) {
    const ch = soql[i]!;
    if (ch === "'") return { value, length: i - start + 1 };
    if (ch === '\\') {
      const escaped = ESCAPES[soql[i + 1] ?? ''];
      if (escaped === undefined) throw new SoqlError('MALFORMED_QUERY', `Invalid string literal '${soql.slice(start, i + 2)}'. Illegal character sequence '\\${soql[i + 1] ?? ''}' in string literal.`, pos);
      value += escaped;
      i++;
      continue;
    }
    value += ch;
  }
  throw new SoqlError('MALFORMED_QUERY', `unexpected token: <EOF>`, pos);
}
