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
    expect(osaDistance('bayer', 'bauer', { substitution: 2 })).toBe(2);
    expect(osaDistance('nokia', 'nokai', { substitution: 2 })).toBe(1);
  });

  it.each([
    ['infineon', 'infenion', 1], // i and e swapped across the n
    ['abcde', 'adcbe', 1],
    ['abcd', 'cbad', 1],
    ['abcd', 'dbca', 2], // swapped across two letters: two changed letters
    ['abc', 'cxa', 3], // the letter between changed too: no swap
  ])('two letters swapped across a third can count as one edit: %s → %s: %i', (a, b, expected) => {
    expect(osaDistance(a, b, { swapAcrossOne: 1 })).toBe(expected);
    expect(osaDistance(b, a, { swapAcrossOne: 1 })).toBe(expected);
  });

  it('two letters swapped across a third are two changed letters unless asked', () => {
    expect(osaDistance('infineon', 'infenion')).toBe(2);
  });
});
