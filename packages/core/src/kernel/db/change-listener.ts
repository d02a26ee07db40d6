import { Client } from 'pg';
import type { Logger } from 'pino';

export interface ChangeHandlers {
  /** A change was committed; `payload` is what the trigger sent (a tenant id). */
  onChange(payload: string): void;
  /** The listener lost its connection: whatever it guarded may have changed unseen. */
  onReset(): void;
  /**
   * The listener is listening (again), at start or after a reconnect. What changed while it was
   * not was never announced: work that must not miss a change looks for it now.
   */
  onListening?(): void;
}

const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Listens on one PostgreSQL notification channel over a connection of its own, outside the pool
 * (a pooled connection cannot wait for notifications). `live` is true only while it is
 * listening: a cache built on it must not be trusted otherwise, since a notification sent while
 * the connection was down is lost. It reconnects with backoff until stopped.
 */
export class ChangeListener {
  private client?: Client;
  private listening = false;
  private stopped = false;
  private attempt = 0;
  private retry?: NodeJS.Timeout;

  constructor(private readonly url: string, private readonly channel: string, private readonly handlers: ChangeHandlers, private readonly logger?: Logger) {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`A channel name is lower case letters and underscores, got "${channel}"`);
  }

  get live(): boolean {
    return this.listening;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: `ketenhuis-listen-${this.channel}` });
    // The connection being made is the current one from the start, so `lost` can tell it from an
    // earlier one whose 'error' or 'end' arrives late (and must not start a second reconnect).
    this.client = client;
    client.on('notification', (n) => { if (n.channel === this.channel) this.handlers.onChange(n.payload ?? ''); });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (err) {
      this.lost(client, err);
      await client.end().catch(() => undefined);
      return;
    }
    if (this.stopped || this.client !== client) { await client.end().catch(() => undefined); return; }
    this.listening = true;
    this.attempt = 0;
    this.handlers.onListening?.();
  }

  private lost(client: Client, err?: unknown): void {
    // An earlier connection, or one stop() already let go of.
    if (this.client !== client) return;
    this.client = undefined;
    if (this.listening) this.logger?.warn({ channel: this.channel }, 'notification listener lost its connection');
    this.listening = false;
    this.handlers.onReset();
    if (this.stopped || this.retry) return;
    const delay = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)];
    if (err && this.attempt === 1) this.logger?.warn({ channel: this.channel, err: (err as Error).message }, 'notification listener cannot connect; retrying');
    this.retry = setTimeout(() => { this.retry = undefined; void this.connect(); }, delay);
    this.retry.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }
}
