import type { DataSource } from 'typeorm';
import { GENESIS_HASH, HASHED_COLUMNS, chainHash, type HashedRecord } from './chain-hash';
import { bindTenant } from '../tenancy/in-tenant';

/** The advisory lock's first key; the second is the tenant. */
const CHAIN_LOCK_SQL = `pg_advisory_xact_lock(hashtext('ketenhuis.audit-chain'), hashtext($1))`;

/**
 * Links unchained records to their tenant's chain, in id order, in batches. The worker runs it as
 * the application role, which may set seq, prev_hash and hash, once; the CLI runs it as the owner.
 *
 * Each batch is a transaction that holds the tenant's advisory lock, so two chainers (two worker
 * pods, or the CLI next to a worker) never interleave: the second waits, then reads the tail the
 * first left. A record whose transaction commits after higher ids were chained is still found
 * (unchained records are taken whatever their id) and simply gets a later seq.
 */
export class AuditChainer {
  private readonly batchSize: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(private readonly db: DataSource, opts: { batchSize?: number } = {}) {
    this.batchSize = opts.batchSize ?? 500;
  }

  /** Runs chainAll() every `intervalMs` (after the previous round ends) until stop(). */
  start(intervalMs: number, onError: (err: Error) => void): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.chainAll(() => this.stopped).then(() => undefined, onError);
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Lets a round in progress finish; its batches are transactions, so it never half-chains. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Chains everything pending in one tenant; returns how many records were linked. */
  async chainTenant(tenantId: string): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.chainBatch(tenantId);
      total += n;
      if (n < this.batchSize) return total;
    }
  }

  /**
   * Chains every tenant; `stop` is asked between tenants (a stopping worker ends the round early).
   * A tenant that fails does not hold up the others; the failures are thrown together at the end.
   */
  async chainAll(stop: () => boolean = () => false): Promise<number> {
    const tenants: { id: string }[] = await this.db.query('SELECT id FROM tenants ORDER BY id');
    let total = 0;
    const failures: string[] = [];
    for (const t of tenants) {
      if (stop()) break;
      try {
        total += await this.chainTenant(t.id);
      } catch (err) {
        failures.push(`tenant ${t.id}: ${(err as Error).message}`);
      }
    }
    if (failures.length) throw new Error(`audit chaining failed for ${failures.length} tenant(s); ${failures.join('; ')}`);
    return total;
  }

  private chainBatch(tenantId: string): Promise<number> {
    return this.db.transaction(async (m) => {
      await bindTenant(m, tenantId);
      await m.query(`SELECT ${CHAIN_LOCK_SQL}`, [tenantId]);
      // Read committed: these statements start after the lock, so they see what the previous
      // holder committed.
      const rows: HashedRecord[] = await m.query(
        `SELECT ${HASHED_COLUMNS} FROM audit_records a WHERE a.hash IS NULL ORDER BY a.id LIMIT $1`, [this.batchSize]);
      if (!rows.length) return 0;
      const [tail]: { seq: string; hash: string }[] = await m.query(
        'SELECT a.seq::text AS seq, a.hash FROM audit_records a WHERE a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1');
      let seq = tail ? BigInt(tail.seq) : 0n;
      let prev = tail?.hash ?? GENESIS_HASH;
      const ids: string[] = [], seqs: string[] = [], prevs: string[] = [], hashes: string[] = [];
      for (const r of rows) {
        seq += 1n;
        const hash = chainHash(prev, seq.toString(), r);
        ids.push(r.id); seqs.push(seq.toString()); prevs.push(prev); hashes.push(hash);
        prev = hash;
      }
      const [, updated]: [unknown, number] = await m.query(
        `UPDATE audit_records a SET seq = u.seq, prev_hash = u.prev_hash, hash = u.hash
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(id, seq, prev_hash, hash)
         WHERE a.id = u.id AND a.hash IS NULL`,
        [ids, seqs, prevs, hashes],
      );
      // Under the lock nobody else chains this tenant; anything else means the chain would fork.
      if (updated !== rows.length) throw new Error(`audit chainer: expected to chain ${rows.length} records, chained ${updated}`);
      return rows.length;
    });
  }
}
