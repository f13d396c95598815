import { parseSoql } from '../../../../sandbox/salesforce/soql/parser';
import { SoqlError } from '../../../../sandbox/salesforce/soql/errors';
import { literalRange } from '../../../../sandbox/salesforce/soql/dateRanges';

function errorOf(soql: string): SoqlError {
  try {
    parseSoql(soql);
  } catch (err) {
    if (err instanceof SoqlError) return err;
    throw err;
  }
  throw new Error(`expected ${soql} to be refused`);
}

describe('SOQL parser', () => {
  it('reads fields, relationship paths and every clause', () => {
    const query = parseSoql("select Id, Account.Owner.Name from Opportunity where Amount >= 10.5 and StageName in ('A', 'B') order by CloseDate desc nulls first, Name limit 5 offset 10");
    expect(query.select).toEqual({ kind: 'fields', fields: [expect.objectContaining({ parts: ['Id'] }), expect.objectContaining({ parts: ['Account', 'Owner', 'Name'] })] });
    expect(query.from.name).toBe('Opportunity');
    expect(query.where).toMatchObject({
      kind: 'and',
      operands: [
        { kind: 'compare', op: '>=', value: { kind: 'number', value: 10.5 } },
        { kind: 'in', negated: false, values: [{ kind: 'string', value: 'A' }, { kind: 'string', value: 'B' }] },
      ],
    });
    expect(query.orderBy).toMatchObject([
      { field: { parts: ['CloseDate'] }, descending: true, nullsLast: false },
      { field: { parts: ['Name'] }, descending: false, nullsLast: false },
    ]);
    expect([query.limit, query.offset]).toEqual([5, 10]);
  });

  it('reads literals: strings with escapes, booleans, null, dates, datetimes and date literals', () => {
    const where = parseSoql("SELECT Id FROM Account WHERE (Name = 'O\\'Brien' OR IsDeleted = TRUE) AND (Phone != null OR CreatedDate > 2024-01-01T00:00:00Z OR CloseDate = 2024-02-29 OR CreatedDate = LAST_N_DAYS:30)").where;
    expect(where).toMatchObject({
      kind: 'and',
      operands: [
        { kind: 'or', operands: [{ value: { kind: 'string', value: "O'Brien" } }, { value: { kind: 'boolean', value: true } }] },
        {
          kind: 'or',
          operands: [
            { op: '!=', value: { kind: 'null' } },
            { value: { kind: 'datetime', value: Date.parse('2024-01-01T00:00:00Z') } },
            { value: { kind: 'date', value: '2024-02-29' } },
            { value: { kind: 'relativeDate', name: 'LAST_N_DAYS', n: 30 } },
          ],
        },
      ],
    });
  });

  it('reads NOT, NOT IN, <> and COUNT()', () => {
    expect(parseSoql('SELECT COUNT() FROM Contact').select).toEqual({ kind: 'count' });
    expect(parseSoql("SELECT Id FROM Contact WHERE NOT Name LIKE 'a%'").where).toMatchObject({ kind: 'not', operand: { kind: 'like' } });
    expect(parseSoql("SELECT Id FROM Contact WHERE Email NOT IN ('x')").where).toMatchObject({ kind: 'in', negated: true });
    expect(parseSoql("SELECT Id FROM Contact WHERE Email <> 'x'").where).toMatchObject({ op: '!=' });
  });

  it.each([
    ['SELECT FROM Account', "unexpected token: 'FROM'", 8],
    ['SELECT Id FROM Account WHERE', 'unexpected token: <EOF>', 29],
    ["SELECT Id FROM Account WHERE A = 1 AND B = 2 OR C = 3", "unexpected token: 'OR'", 46],
    ['SELECT Id FROM Account LIMIT -1', "unexpected token: '-1'", 30],
    ['SELECT Id, (SELECT Id FROM Contacts) FROM Account', "unexpected token: '('", 12],
    ['SELECT COUNT(Id) FROM Account', "unexpected token: 'Id'", 14],
    ['SELECT Id FROM Account WHERE Name = BOGUS', "unexpected token: 'BOGUS'", 37],
    ["SELECT Id FROM Account WHERE Name = 'open", 'unexpected token: <EOF>', 37],
  ])('refuses %s', (soql, detail, column) => {
    const err = errorOf(soql);
    expect(err.errorCode).toBe('MALFORMED_QUERY');
    expect(err.detail).toBe(detail);
    expect(err.pos.column).toBe(column);
  });

  it('formats errors with the line, a caret and the row and column', () => {
    const soql = 'SELECT Id\nFROM Account\nWHERE Name =';
    expect(errorOf(soql).format(soql)).toBe('\nWHERE Name =\n            ^\nERROR at Row:3:Column:13\nunexpected token: <EOF>');
  });
});

describe('SOQL date literal ranges', () => {
  const now = Date.parse('2024-03-15T13:45:00Z');
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  const range = (name: string, n?: number) => literalRange({ kind: 'relativeDate', name: name as never, ...(n !== undefined ? { n } : {}), pos: { offset: 0, row: 1, column: 1 } }, now);

  it.each([
    ['TODAY', undefined, '2024-03-15', '2024-03-16'],
    ['YESTERDAY', undefined, '2024-03-14', '2024-03-15'],
    ['TOMORROW', undefined, '2024-03-16', '2024-03-17'],
    ['LAST_N_DAYS', 7, '2024-03-08', '2024-03-16'],
    ['NEXT_N_DAYS', 2, '2024-03-16', '2024-03-18'],
    ['N_DAYS_AGO', 3, '2024-03-12', '2024-03-13'],
    ['THIS_MONTH', undefined, '2024-03-01', '2024-04-01'],
    ['LAST_MONTH', undefined, '2024-02-01', '2024-03-01'],
    ['THIS_YEAR', undefined, '2024-01-01', '2025-01-01'],
  ])('%s:%s covers [%s, %s)', (name, n, start, end) => {
    expect(range(name, n)).toEqual({ start: day(start), end: day(end) });
  });
});
