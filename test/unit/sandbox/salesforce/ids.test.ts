import { checksumSuffix, customKeyPrefix, makeId, normalizeId } from '../../../../sandbox/salesforce/ids';

describe('Salesforce ids', () => {
  it('computes the case-safe suffix, one letter per 5-character chunk', () => {
    // "001D0": upper case at position 3 → 0b01000 = 8 → I; "00000" → A; "IqhSL": positions 0, 3, 4 → 25 → Z.
    expect(checksumSuffix('001D000000IqhSL')).toBe('IAZ');
    // "00150" → A; "00000" → A; "VALDt": positions 0–3 → 15 → P.
    expect(checksumSuffix('0015000000VALDt')).toBe('AAP');
  });

  it('makes 18-character ids with the key prefix, and normalizes 15-character ones', () => {
    const id = makeId('006', 42);
    expect(id).toMatch(/^006[a-zA-Z0-9]{12}[A-Z0-5]{3}$/);
    expect(normalizeId(id.slice(0, 15))).toBe(id);
    expect(normalizeId(id.slice(0, 15) + 'ZZZ')).toBeUndefined();
    expect(normalizeId('not-an-id')).toBeUndefined();
  });

  it('gives custom objects a0X prefixes in definition order', () => {
    expect([0, 1, 10, 61, 62].map(customKeyPrefix)).toEqual(['a00', 'a01', 'a0A', 'a0z', 'a10']);
  });
});
