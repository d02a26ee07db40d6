import { WEBHOOK_BACKOFF_CAP_MS, webhookBackoffMs } from './backoff';

describe('webhookBackoffMs', () => {
  it('doubles from the base per failed attempt, jittered over the upper half', () => {
    expect([1, 2, 3, 4].map((a) => webhookBackoffMs(a, 30_000, () => 1))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect([1, 2, 3, 4].map((a) => webhookBackoffMs(a, 30_000, () => 0))).toEqual([15_000, 30_000, 60_000, 120_000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(webhookBackoffMs(50, 30_000, () => 1)).toBe(WEBHOOK_BACKOFF_CAP_MS);
    expect(webhookBackoffMs(10_000, 30_000, () => 0.5)).toBeLessThanOrEqual(WEBHOOK_BACKOFF_CAP_MS);
  });
});
