import type { DataSource } from 'typeorm';
import { GENESIS_HASH, HASHED_COLUMNS, chainHash, type HashedRecord } from './chain-hash';
import { bindTenant } from '../tenancy/in-tenant';

export type AuditChainVerdict =
  | { ok: true; records: number; unchained: number }
  | { ok: false; records: number; firstBroken: { id: string; seq: number | null }; reason: string };

/** A record the walk reads: only chained ones, so its seq is set. */
type ChainedRow = HashedRecord & { seq: string; prev_hash: string | null; hash: string | null };

const PAGE = 1000;
const MIN_BIGINT = '-9223372036854775808';

/**
 * Walks a tenant's chained records by seq, recomputing every hash, and names the first record
 * that does not fit: a gap or repeat in seq (records deleted or reordered), a prev_hash that is
 * not the previous record's hash (a record removed or replaced before it), or a hash that does not
 * match the content (a field changed). One repeatable-read snapshot, so records chained while it
 * runs do not confuse it. `records` counts the chained records, `unchained` those still waiting.
 *
 * What a hash chain alone cannot show: records removed from the end, or a whole chain rewritten by
 * someone who can recompute it. Anchoring the latest hash outside the database would cover that.
 */
export function verifyAuditChain(db: DataSource, tenantId: string): Promise<AuditChainVerdict> {
  return db.transaction('REPEATABLE READ', async (m) => {
    await bindTenant(m, tenantId);
    const [counts]: { chained: string; unchained: string }[] = await m.query(
      `SELECT count(*) FILTER (WHERE NOT unchained)::text AS chained, count(*) FILTER (WHERE unchained)::text AS unchained
       FROM (SELECT seq IS NULL AND prev_hash IS NULL AND hash IS NULL AS unchained FROM audit_records) r`);
    const records = Number(counts.chained);
    const broken = (r: { id: string; seq: string | null }, reason: string): AuditChainVerdict =>
      ({ ok: false, records, firstBroken: { id: r.id, seq: r.seq === null ? null : Number(r.seq) }, reason });

    let prevSeq = 0n;
    let prevHash = GENESIS_HASH;
    let after: [string, string] = [MIN_BIGINT, MIN_BIGINT];
    for (;;) {
      const rows: ChainedRow[] = await m.query(
        `SELECT ${HASHED_COLUMNS}, a.seq::text AS seq, a.prev_hash, a.hash FROM audit_records a
         WHERE a.seq IS NOT NULL AND (a.seq, a.id) > ($1::bigint, $2::bigint) ORDER BY a.seq, a.id LIMIT ${PAGE}`, after);
      for (const r of rows) {
        const seq = BigInt(r.seq);
        const expected = prevSeq + 1n;
        if (seq > expected) {
          const missing = seq - 1n === expected ? `seq ${expected} is missing` : `seq ${expected} to ${seq - 1n} are missing`;
          return broken(r, `${missing} before this record (records deleted)`);
        }
        if (seq < expected) return broken(r, `seq ${seq} comes again after seq ${prevSeq} (sequence repeated or reordered)`);
        if (r.prev_hash !== prevHash) {
          return broken(r, prevSeq === 0n
            ? 'prev_hash is not the start of the chain (records before it removed or replaced)'
            : `prev_hash does not match the hash of seq ${prevSeq} (a record removed, replaced or reordered)`);
        }
        if (r.hash === null || chainHash(prevHash, r.seq, r) !== r.hash) {
          return broken(r, 'hash mismatch: the record was changed after it was chained');
        }
        prevSeq = seq;
        prevHash = r.hash;
      }
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1];
      after = [last.seq, last.id];
    }

    // Chain columns without a position: not walkable, so broken by definition.
    const [stray]: { id: string }[] = await m.query(
      `SELECT a.id::text AS id FROM audit_records a WHERE a.seq IS NULL AND (a.prev_hash IS NOT NULL OR a.hash IS NOT NULL) ORDER BY a.id LIMIT 1`);
    if (stray) return broken({ id: stray.id, seq: null }, 'prev_hash or hash set without a seq');
    return { ok: true, records, unchained: Number(counts.unchained) };
  });
}
