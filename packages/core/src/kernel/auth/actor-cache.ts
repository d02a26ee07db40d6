import type { Actor } from '@ketenhuis/sdk';

/** A resolved actor is kept at most this long, whatever the notifications say. */
const MAX_AGE_MS = 60_000;
/** Enough for every active user of a large district; the oldest entries go first. */
const MAX_ENTRIES = 10_000;

interface Entry {
  actor: Actor;
  at: number;
}

/**
 * Actors resolved from the identity tables (user, membership, function grants, service account),
 * kept in memory per district so a request of a known user costs no query for them. A change to
 * those tables is announced at commit on `ketenhuis_identity` (see the migration
 * CoreIdentityChanges) and drops the district's entries. Nothing is served while the listener is
 * not live, and a resolution that raced a change is not kept: each district has a generation,
 * taken before the lookup and compared before keeping its result.
 */
export class ActorCache {
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();
  /** Moves on each reset, so a lookup that straddles one is never kept. */
  private epoch = 0;

  constructor(private readonly live: () => boolean, private readonly now: () => number = Date.now) {}

  generation(tenantId: string): number {
    return this.epoch * 1_000_000_000 + (this.generations.get(tenantId) ?? 0);
  }

  get(tenantId: string, key: string): Actor | undefined {
    if (!this.live()) return undefined;
    const entry = this.entries.get(`${tenantId}|${key}`);
    if (!entry) return undefined;
    if (this.now() - entry.at > MAX_AGE_MS) {
      this.entries.delete(`${tenantId}|${key}`);
      return undefined;
    }
    return entry.actor;
  }

  /** Keeps an actor resolved while the district was at `generation`, if it still is. */
  set(tenantId: string, key: string, actor: Actor, generation: number): void {
    if (!this.live() || this.generation(tenantId) !== generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(`${tenantId}|${key}`, { actor, at: this.now() });
  }

  /** The district's identity rows changed. */
  changed(tenantId: string): void {
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
    for (const key of this.entries.keys()) if (key.startsWith(`${tenantId}|`)) this.entries.delete(key);
  }

  /** Anything may have changed unseen (the listener reconnects). */
  reset(): void {
    this.epoch += 1;
    this.entries.clear();
  }
}
