// The statements behind a request, exactly as the platform sends them, and what PostgreSQL does
// with them: a platform in this process serves the request while every query its pg clients send
// is recorded; the recorded statements are then explained (ANALYZE, BUFFERS) as the application
// role in the tenant's context, and run again as the query mix that compares RLS with BYPASSRLS.

/** Statements that only bind, lock or write are left out: the question is how the data is read. */
const READS = /^\s*(SELECT|WITH)\b/i;
const BOOKKEEPING = /set_config\(|pg_advisory|^\s*SELECT 1\s*$/i;

/**
 * Records the queries of every pg Client (the platform's pool and listeners) while `during` runs.
 * `pg` must be the copy the platform loads (requireFromCore('pg')).
 */
export function statementRecorder(pg) {
  const proto = pg.Client.prototype;
  const original = proto.query;
  let sink = null;
  proto.query = function query(config, values, callback) {
    if (sink) {
      const text = typeof config === 'string' ? config : config?.text;
      const params = Array.isArray(values) ? values : config?.values;
      if (typeof text === 'string') sink.push({ text, params: params ?? [] });
    }
    return original.call(this, config, values, callback);
  };
  return {
    /** The reading statements sent while `work` ran. */
    async during(work) {
      sink = [];
      try {
        await work();
        return sink.filter((s) => READS.test(s.text) && !BOOKKEEPING.test(s.text));
      } finally {
        sink = null;
      }
    },
    restore() {
      proto.query = original;
    },
  };
}

const ident = (name) => `"${name.replace(/"/g, '""')}"`;

/** Runs `work(client)` in a transaction as `role` bound to the tenant (as a unit of work is), then rolls back. */
export async function asRole(client, role, tenantId, work) {
  await client.query('BEGIN');
  try {
    if (role) await client.query(`SET LOCAL ROLE ${ident(role)}`);
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    return await work(client);
  } finally {
    await client.query('ROLLBACK');
  }
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a recorded statement as the application role in the tenant's
 * context; the sequential scans of tables in `large` are named.
 */
export async function explain(client, appRole, tenantId, statement, large) {
  const rows = await asRole(client, appRole, tenantId, (c) => c.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.params));
  const plan = rows.rows.map((r) => r['QUERY PLAN']).join('\n');
  const seqScans = [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]).filter((t) => large.has(t));
  const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
  return { plan, seqScans: [...new Set(seqScans)], ms };
}

/** The lines of a plan worth reading first: its top, every scan, and the timing. */
export function planExcerpt(plan, maxLines = 40) {
  const lines = plan.split('\n');
  if (lines.length <= maxLines) return plan;
  const keep = new Set([0, 1, 2, 3, 4, 5]);
  lines.forEach((l, i) => {
    if (/Scan|Sort Method|rows removed|Rows Removed|Execution Time|Planning Time|loops=\d{3,}/.test(l)) keep.add(i);
  });
  const picked = [...keep].sort((a, b) => a - b).slice(0, maxLines);
  return picked.map((i, k) => (k > 0 && picked[k - 1] !== i - 1 ? `  ...\n${lines[i]}` : lines[i])).join('\n');
}

/**
 * The query mix, `rounds` times, alternately as each of the `modes` ({ name, client, role }), one
 * transaction per round bound to the tenant: statements per second of each mode, and the time
 * each statement took in each mode (ms, summed over the rounds).
 */
export async function runMix(modes, tenantId, statements, rounds) {
  const spent = new Map(modes.map((m) => [m.name, statements.map(() => 0)]));
  for (let r = 0; r < rounds; r++) {
    for (const m of r % 2 ? [...modes].reverse() : modes) {
      const times = spent.get(m.name);
      await asRole(m.client, m.role, tenantId, async (c) => {
        for (const [i, s] of statements.entries()) {
          const start = performance.now();
          await c.query(s.text, s.params);
          times[i] += performance.now() - start;
        }
      });
    }
  }
  return Object.fromEntries(modes.map((m) => {
    const perStatement = spent.get(m.name);
    const seconds = perStatement.reduce((a, b) => a + b, 0) / 1000;
    const count = rounds * statements.length;
    return [m.name, { perSecond: count / seconds, count, seconds, perStatement }];
  }));
}
