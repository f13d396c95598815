import { covers } from '../../../src/domain/expertise';

describe('whether a partner’s specialties cover a product', () => {
  it.each<[string[], string, boolean]>([
    [['analytics'], 'analytics', true],
    [['Analytics'], 'ANALYTICS suite', true],
    [['analytics suite'], 'Analytics', true],
    [['payments', 'analytics'], 'analytics', true],
    [['payments'], 'analytics', false],
    [[], 'analytics', false],
  ])('%j covers %j: %s', (specialties, product, expected) => {
    expect(covers(specialties, product)).toBe(expected);
  });
});
