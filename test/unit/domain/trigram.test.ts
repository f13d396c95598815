import { trigramSimilarity, trigrams } from '../../../src/domain/trigram';

describe('trigram similarity (pg_trgm semantics)', () => {
  it('pads each word with two spaces before and one after', () => {
    expect([...trigrams('cat')].sort()).toEqual(['  c', ' ca', 'at ', 'cat']);
  });

  it.each([
    ['Acme, Inc.', ['  a', ' ac', 'acm', 'cme', 'me ', '  i', ' in', 'inc', 'nc ']],
    ['  3M -- Co ', ['  3', ' 3m', '3m ', '  c', ' co', 'co ']],
    ['Ünïon', ['  ü', ' ün', 'ünï', 'nïo', 'ïon', 'on ']],
    ['', []],
    [' .-/ ', []],
  ])('takes the words of %j apart at anything but a letter or a digit', (text, expected) => {
    expect([...trigrams(text)].sort()).toEqual([...expected].sort());
  });

  it.each([
    // Values PostgreSQL's similarity() returns for the same pairs.
    ['general motors', 'general mills', 0.45],
    ['stark industries', 'stark industies', 0.7368421],
    ['deutsche bank', 'deutsche telekom', 0.4090909],
  ])('%s ~ %s = %d', (a, b, expected) => {
    expect(trigramSimilarity(a, b)).toBeCloseTo(expected, 6);
  });

  it('is 1 for equal text and 0 when nothing is shared or one side is empty', () => {
    expect(trigramSimilarity('acme', 'acme')).toBe(1);
    expect(trigramSimilarity('abc', 'xyz')).toBe(0);
    expect(trigramSimilarity('', 'acme')).toBe(0);
    expect(trigramSimilarity('acme', '--')).toBe(0);
    expect(trigramSimilarity('', '')).toBe(0);
  });
});
