import { memorySlots } from '../../../src/sync/engine/pacing';

describe('pacing turns', () => {
  it('hands out turns one spacing apart, and none beyond the longest wait', async () => {
    const slots = memorySlots();
    const waits = [await slots.reserve('portal', 100, 250), await slots.reserve('portal', 100, 250), await slots.reserve('portal', 100, 250)];
    expect(waits[0]).toBe(0);
    // Each later turn is one spacing after the one before (less the few milliseconds that passed).
    expect(waits[1]).toBeGreaterThan(90);
    expect(waits[1]).toBeLessThanOrEqual(100);
    expect(waits[2]).toBeGreaterThan(190);
    expect(waits[2]).toBeLessThanOrEqual(200);
    // The next would be ~300 ms away: refused, and nothing is reserved, so the one after is refused alike.
    expect(await slots.reserve('portal', 100, 250)).toBeNull();
    expect(await slots.reserve('portal', 100, 250)).toBeNull();
    expect(await slots.reserve('another portal', 100, 250)).toBe(0);
  });

  it('keeps the rolling window as the hard cap', async () => {
    const slots = memorySlots();
    const window = { max: 2, windowMs: 1_000 };
    expect([await slots.take('api', window), await slots.take('api', window)]).toEqual([0, 0]);
    const wait = await slots.take('api', window);
    expect(wait).toBeGreaterThan(900);
    expect(wait).toBeLessThanOrEqual(1_001);
  });
});
