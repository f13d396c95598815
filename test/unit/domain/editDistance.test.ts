import { osaDistance } from '../../../src/domain/editDistance';

describe('osaDistance', () => {
  it.each([
    ['microsoft', 'microsoft', 0],
    ['microsoft', 'microsfot', 1], // two neighbouring letters swapped
    ['siemens', 'siemns', 1], // a letter dropped
    ['siemens', 'siemenss', 1], // a letter added
    ['siemens', 'siemans', 1], // a letter changed
    ['ca', 'abc', 3], // a swap is not edited again (true Damerau–Levenshtein would say 2)
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['münchen', 'munchen', 1], // letters, not UTF-16 units
  ])('%s → %s: %i', (a, b, expected) => {
    expect(osaDistance(a, b)).toBe(expected);
    expect(osaDistance(b, a)).toBe(expected);
  });

  it('a changed letter can cost a deletion plus an insertion', () => {
    expect(osaDistance('bayer', 'bauer', 2)).toBe(2);
    expect(osaDistance('nokia', 'nokai', 2)).toBe(1);
  });
});
