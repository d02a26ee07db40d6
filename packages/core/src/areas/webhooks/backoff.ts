/** Longest wait between two attempts, however many failed. */
export const WEBHOOK_BACKOFF_CAP_MS = 60 * 60_000;

/**
 * Wait before the attempt after `attempt` failed ones: doubling from `baseMs`, capped, with
 * jitter over the upper half so receivers that failed together do not all come back at once.
 */
export function webhookBackoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(WEBHOOK_BACKOFF_CAP_MS, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
