import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@ketenhuis/core/testing';

// `ketenhuis report export` through the compiled CLI, with the same SQL the API runs.
const cli = path.join(__dirname, '..', 'bin', 'ketenhuis.js');

/**
 * An installed chain as the module loader finds it (KETENHUIS_MODULES takes what require takes):
 * what defineChainModule returns, written out so the file needs nothing but Node.
 */
const MODULE_SOURCE = `module.exports = Object.freeze({
  id: 'rapport', title: { nl: 'Testketen rapporten' }, version: '1.0.0', permissions: ['rapport.case.decide'],
  caseTypes: [{
    id: 'rapport-dossier', title: { nl: 'Dossier' },
    fields: [{ id: 'pvDate', title: { nl: 'PV-datum' }, type: 'date' }],
    workflow: {
      initial: 'intake',
      states: [{ id: 'intake', title: { nl: 'Intake' } }, { id: 'beslist', title: { nl: 'Beslist' }, final: true }],
      transitions: [{ action: 'beslis', from: 'intake', to: 'beslist', permission: 'rapport.case.decide' }],
    },
  }],
  kpis: [{ id: 'pv-tot-beslissing', title: { nl: 'PV tot beslissing' }, from: { field: 'pvDate' }, to: { entered: 'beslist' } }],
  [Symbol.for('ketenhuis.ChainModule')]: true,
});
`;

describe('ketenhuis report export', () => {
  let db: TestDatabase;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });

  /** Rows as the test's superuser sees them (it is not bound by row-level security). */
  async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const c = new Client({ connectionString: db.adminUrl });
    await c.connect();
    try {
      return (await c.query(text, params)).rows as T[];
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'kh-report-'));
    writeFileSync(path.join(dir, 'rapport-chain.js'), MODULE_SOURCE);
    env = {
      PATH: process.env.PATH, DATABASE_URL: db.adminUrl, DATABASE_OWNER_ROLE: db.ownerRole, DATABASE_APP_ROLE: db.appRole,
      KETENHUIS_MODULES: path.join(dir, 'rapport-chain.js'),
    };
    expect(run('tenant', 'create', 'tongeren', '--name', 'Tongeren', '--modules', 'rapport').status).toBe(0);
    const [{ id: tenant }] = await sql<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'tongeren'`);
    // PV on 2 February (midnight in Brussels = 1 February 23:00 UTC), decided 1, 2 and 6 days later.
    await sql(`INSERT INTO case_reference_counters (tenant_id, chain, year, last_number) VALUES ($1, 'rapport', 2026, 4)`, [tenant]);
    for (const [n, days] of [[1, 1], [2, 2], [3, 6], [4, null]] as const) {
      const [{ id }] = await sql<{ id: string }>(
        `INSERT INTO cases (tenant_id, chain, case_type, state, reference_year, reference_number, reference, registered_by_subject, registered_at, fields)
         VALUES ($1, 'rapport', 'rapport-dossier', $2, 2026, $3, $4, 'inspecteur', '2026-02-02T08:00:00Z', '{"pvDate": "2026-02-02"}') RETURNING id`,
        [tenant, days === null ? 'intake' : 'beslist', n, `RAPPORT-2026-00000${n}`]);
      await sql(`INSERT INTO case_timeline (tenant_id, case_id, at, kind, actor_subject, data) VALUES ($1, $2, '2026-02-02T08:00:00Z', 'registered', 'inspecteur', $3)`,
        [tenant, id, JSON.stringify({ caseType: 'rapport-dossier', state: 'intake', confidentiality: 'normaal', externalReferenceIds: [], subjectIds: [], fieldIds: ['pvDate'] })]);
      if (days !== null) {
        await sql(`INSERT INTO case_timeline (tenant_id, case_id, at, kind, actor_subject, data) VALUES ($1, $2, $3::timestamptz + $4 * interval '1 day', 'transitioned', 'jurist', $5)`,
          [tenant, id, '2026-02-01T23:00:00Z', days, JSON.stringify({ action: 'beslis', from: 'intake', to: 'beslist', inputFields: [] })]);
      }
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('prints the lead-time CSV the API gives, and records the export with purpose statistics', async () => {
    const r = run('report', 'export', '--tenant', 'tongeren', '--chain', 'rapport', '--report', 'lead-times', '--from', '2026-02-01', '--to', '2026-02-28');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // 1, 2 and 6 days: median 2, p90 5.2 (percentile_cont).
    expect(r.stdout).toBe([
      'kpi,kpi_title,period,period_start,count,median_seconds,median_days,p90_seconds,p90_days',
      'pv-tot-beslissing,PV tot beslissing,2026-02,2026-02-01,3,172800,2,449280,5.2',
      'pv-tot-beslissing,PV tot beslissing,total,,3,172800,2,449280,5.2',
      '',
    ].join('\r\n'));
    const audit = await sql<{ action: string; object_type: string; object_id: string; purpose: string; result: string; actor_subject: string }>(
      `SELECT action, object_type, object_id, purpose, result, actor_subject FROM audit_records WHERE action LIKE 'report.%'`);
    expect(audit).toEqual([{ action: 'report.lead-times', object_type: 'report', object_id: 'rapport', purpose: 'statistics', result: 'allowed', actor_subject: expect.stringMatching(/^operator:/) }]);
  });

  it('writes to --out, withholds small cells, and exports open cases and JSON', () => {
    const out = path.join(dir, 'doorlooptijden.csv');
    const r = run('report', 'export', '--tenant', 'tongeren', '--chain', 'rapport', '--report', 'lead-times', '--from', '2026-02-01', '--to', '2026-02-28',
      '--period', 'year', '--group-by', 'police-zone', '--min-cell-size', '5', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8').split('\r\n')).toEqual([
      'kpi,kpi_title,period,period_start,police_zone_code,police_zone_name,count,median_seconds,median_days,p90_seconds,p90_days',
      'pv-tot-beslissing,PV tot beslissing,2026,2026-01-01,total,,<5,,,,',
      'pv-tot-beslissing,PV tot beslissing,2026,2026-01-01,,,<5,,,,',
      'pv-tot-beslissing,PV tot beslissing,total,,total,,<5,,,,',
      'pv-tot-beslissing,PV tot beslissing,total,,,,<5,,,,',
      '',
    ]);
    const open = run('report', 'export', '--tenant', 'tongeren', '--chain', 'rapport', '--report', 'open-cases');
    expect(open.stdout).toBe('case_type,case_type_title,state,state_title,count\r\nrapport-dossier,Dossier,intake,Intake,1\r\nrapport-dossier,Dossier,total,,1\r\n');
    const json = run('report', 'export', '--tenant', 'tongeren', '--chain', 'rapport', '--report', 'deadline-compliance', '--from', '2026-02-01', '--to', '2026-02-28', '--format', 'json');
    expect(JSON.parse(json.stdout)).toEqual({ chain: 'rapport', from: '2026-02-01', to: '2026-02-28', period: 'month', minCellSize: 1, sources: [] });
  });

  it('names the option of every mistake', () => {
    const base = ['report', 'export', '--tenant', 'tongeren', '--chain', 'rapport'];
    const cases: Array<[string[], number, RegExp]> = [
      [[...base, '--report', 'lead-times', '--from', '2026-02-30', '--to', '2026-03-01'], 2, /--from: must be a date/],
      [[...base, '--report', 'lead-times', '--from', '2026-03-01', '--to', '2026-02-01'], 2, /--to: must not be before from/],
      [[...base, '--report', 'lead-times', '--from', '2026-02-01', '--to', '2026-02-28', '--period', 'day'], 2, /--period: must be one of/],
      [[...base, '--report', 'lead-times', '--from', '2026-02-01', '--to', '2026-02-28', '--min-cell-size', '0'], 2, /--min-cell-size: must be a whole number/],
      [[...base, '--report', 'doorlooptijden'], 2, /--report: must be one of lead-times, deadline-compliance, open-cases/],
      [[...base, '--report', 'open-cases', '--group-by', 'police-zone'], 2, /--group-by: only police-zone, and only for lead-times/],
      [['report', 'export', '--tenant', 'tongeren', '--chain', 'onbekend', '--report', 'open-cases'], 1, /--chain: no chain "onbekend" enabled in tongeren/],
      [['report', 'export', '--tenant', 'atlantis', '--chain', 'rapport', '--report', 'open-cases'], 1, /--tenant: no tenant "atlantis"/],
      [['report', 'export', '--chain', 'rapport'], 2, /missing --tenant/],
    ];
    for (const [args, status, message] of cases) {
      const r = run(...args);
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status, stderr: expect.stringMatching(message) });
    }
    expect(run('report', 'export', '--help').stdout).toMatch(/Usage: ketenhuis report export --tenant <slug> --chain <id> --report/);
  });
});
