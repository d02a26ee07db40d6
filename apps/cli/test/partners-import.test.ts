import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { TenantRegistry, createDataSource, type Tenant } from '@ketenhuis/core';
import { createTestDatabase, type TestDatabase } from '@ketenhuis/core/testing';
import { partnersCommand } from '../src/commands/partners';
import { CliError } from '../src/cli-error';

const example = path.join(__dirname, '..', '..', '..', 'docs', 'examples', 'partners-limburg.yaml');

type Row = { name: string; type: string; kbo: string | null; police_zone_code: string | null; professional_secrecy: boolean; chains: string[]; updated_at: Date };

// `ketenhuis partners import` in process against a real database: the operator path (owner
// connection, tenant bound in one transaction), dry runs, re-runs, and all-or-nothing validation.
describe('ketenhuis partners import', () => {
  let db: TestDatabase;
  let owner: DataSource;
  let limburg: Tenant;
  let antwerpen: Tenant;
  let env: NodeJS.ProcessEnv;
  const dir = mkdtempSync(path.join(tmpdir(), 'kh-partners-'));

  async function run(...argv: string[]): Promise<{ code: number; out: string[]; log: string[] }> {
    const out: string[] = [];
    const log: string[] = [];
    const code = await partnersCommand(argv, { env, out: (t) => out.push(t), log: (t) => log.push(t) });
    return { code, out, log };
  }
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  /** The tenant's organisations as the owner sees them with the tenant bound (RLS is forced on it too). */
  const organisations = (tenant: Tenant): Promise<Row[]> => owner.transaction(async (m) => {
    await m.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
    return m.query('SELECT name, type, kbo, police_zone_code, professional_secrecy, chains, updated_at FROM organisations ORDER BY name');
  });
  const auditActions = (tenant: Tenant): Promise<{ action: string; actor_subject: string }[]> => owner.transaction(async (m) => {
    await m.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
    return m.query('SELECT action, actor_subject FROM audit_records ORDER BY id');
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { PATH: process.env.PATH, DATABASE_URL: db.adminUrl, DATABASE_OWNER_ROLE: db.ownerRole, DATABASE_APP_ROLE: db.appRole, LOG_LEVEL: 'silent' };
    owner = createDataSource({ url: db.adminUrl, poolMax: 2, sessionRole: db.ownerRole });
    await owner.initialize();
    const tenants = new TenantRegistry(owner);
    limburg = await tenants.create({ slug: 'limburg', name: 'Zorg- en Veiligheidshuis Limburg', modules: [] }, []);
    antwerpen = await tenants.create({ slug: 'antwerpen', name: 'Zorg- en Veiligheidshuis Antwerpen', modules: [] }, []);
  });
  afterAll(async () => {
    await owner?.destroy();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('dry run prints what would be created and writes nothing; the real run creates; a re-run is all unchanged', async () => {
    const dry = await run('import', example, '--tenant', 'limburg', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toHaveLength(15);
    expect(dry.out.every((l) => l.startsWith('+ create '))).toBe(true);
    expect(dry.out).toContain('+ create politiezone "Politiezone Voorbeeld-Noord"');
    expect(dry.log.join('\n')).toMatch(/15 to create, 0 to update, 0 unchanged \(dry run: nothing written\)/);
    expect(await organisations(limburg)).toEqual([]);

    const real = await run('import', example, '--tenant', 'limburg');
    expect(real.code).toBe(0);
    expect(real.out).toEqual(dry.out);
    expect(real.log.join('\n')).toMatch(/imported into limburg: 15 created, 0 updated, 0 unchanged/);
    const rows = await organisations(limburg);
    expect(rows).toHaveLength(15);
    expect(rows.find((r) => r.name === 'CGG Voorbeeld')).toMatchObject({ type: 'cgg', kbo: '0222222248', professional_secrecy: true, chains: ['ifg'] });
    expect(rows.find((r) => r.name === 'Politiezone Voorbeeld-Zuid')).toMatchObject({ police_zone_code: '9932', professional_secrecy: false });
    expect(await organisations(antwerpen)).toEqual([]);
    // One audit record per organisation written, by the operator.
    const audit = await auditActions(limburg);
    expect(audit).toHaveLength(15);
    expect(audit.every((a) => a.action === 'partner.create' && a.actor_subject.startsWith('operator:'))).toBe(true);

    const again = await run('import', example, '--tenant', 'limburg');
    expect(again.code).toBe(0);
    expect(again.out).toHaveLength(15);
    expect(again.out.every((l) => l.startsWith('= unchanged '))).toBe(true);
    expect(await organisations(limburg)).toEqual(rows);
    expect(await auditActions(limburg)).toHaveLength(15);
  });

  it('updates by natural key from a CSV (semicolons, quotes, a BOM) and shows each change as old → new', async () => {
    const csv = file('wijziging.csv', '\uFEFFname;type;kbo;policeZoneCode;professionalSecrecy;chains\n'
      + '"CAW Voorbeeld ""Centrum""";caw;BE 0111 111 124;;nee;ifg jeugd\n'
      + 'Politiezone Voorbeeld-Noord (hernoemd);politiezone;;9931;;m|ifg\n'
      + 'Gevangenis Voorbeeld;gevangenis;;;;\n'
      + 'Huis van het Kind Voorbeeld;andere;;;;\n');
    const dry = await run('import', csv, '--tenant', 'limburg', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toEqual([
      '~ update caw "CAW Voorbeeld"',
      '    name: CAW Voorbeeld → CAW Voorbeeld "Centrum"',
      '    professionalSecrecy: true → false',
      '    chains: ifg → ifg, jeugd',
      '~ update politiezone "Politiezone Voorbeeld-Noord"',
      '    name: Politiezone Voorbeeld-Noord → Politiezone Voorbeeld-Noord (hernoemd)',
      '    chains: ifg, jeugd, m, zeden → ifg, m',
      '= unchanged gevangenis "Gevangenis Voorbeeld"',
      '+ create andere "Huis van het Kind Voorbeeld"',
    ]);
    const before = await organisations(limburg);
    expect(before.map((r) => r.name)).not.toContain('Huis van het Kind Voorbeeld');

    expect((await run('import', csv, '--tenant', 'limburg')).code).toBe(0);
    const after = await organisations(limburg);
    expect(after).toHaveLength(16);
    expect(after.find((r) => r.kbo === '0111111124')).toMatchObject({ name: 'CAW Voorbeeld "Centrum"', professional_secrecy: false, chains: ['ifg', 'jeugd'] });
    expect(after.find((r) => r.police_zone_code === '9931')).toMatchObject({ name: 'Politiezone Voorbeeld-Noord (hernoemd)', chains: ['ifg', 'm'] });
    const updates = (await auditActions(limburg)).filter((a) => a.action === 'partner.update');
    expect(updates).toHaveLength(2);
  });

  it('validates every row first: one invalid row and nothing is written; each error names its row and field', async () => {
    const before = await organisations(antwerpen);
    const csv = file('fouten.csv', 'name,type,kbo,policeZoneCode\n'
      + 'Goed Ingevuld,andere,,\n'
      + 'Onbekend Soort,ruimtevaartagentschap,,\n'
      + 'Verkeerde KBO,caw,0123.456.750,\n'
      + 'Zone Zonder Code,politiezone,,\n'
      + 'Nog Een Goede,andere,,\n');
    const res = await run('import', csv, '--tenant', 'antwerpen');
    expect(res.code).toBe(1);
    expect(res.out).toEqual([]);
    const log = res.log.join('\n');
    expect(log).toMatch(/^row 3, type: unknown organisation type "ruimtevaartagentschap"/m);
    expect(log).toMatch(/^row 4, kbo: is not a valid enterprise \(KBO\) number: check digits do not match/m);
    expect(log).toMatch(/^row 5, policeZoneCode: is required/m);
    expect(log).not.toMatch(/row 2|row 6/);
    expect(log).toMatch(/3 problem\(s\) in .*fouten\.csv: nothing was imported/);
    expect(await organisations(antwerpen)).toEqual(before);
  });

  it('names YAML rows with their line, and refuses clashes with existing organisations and repeated rows', async () => {
    const yaml = file('botsing.yaml', [
      'organisations:',
      '  - name: Politiezone Verward',
      '    type: politiezone',
      '    policeZoneCode: "9932"',
      '    kbo: 0444.444.496',
      '  - name: Nieuwe Dienst',
      '    type: andere',
      '    kleur: blauw',
      '  - name: Nieuwe Dienst',
      '    type: andere',
      '  - name: Nieuwe  dienst',
      '    type: andere',
      '',
    ].join('\n'));
    const res = await run('import', yaml, '--tenant', 'limburg');
    expect(res.code).toBe(1);
    const log = res.log.join('\n');
    expect(log).toMatch(/^row 1 \(line 2\), policeZoneCode: 9932 belongs to another police zone \("Politiezone Voorbeeld-Zuid"\)/m);
    expect(log).toMatch(/^row 2 \(line 6\), kleur: unknown field/m);
    expect(log).toMatch(/^row 4 \(line 11\), row: is the same organisation as row 3 \(line 9\)/m);
    expect((await organisations(limburg)).map((r) => r.name)).not.toContain('Nieuwe Dienst');
  });

  it('reports progress on stderr every 100 rows when stderr is no terminal', async () => {
    const lines = Array.from({ length: 250 }, (_, i) => `Organisatie ${String(i + 1).padStart(3, '0')},andere`);
    const csv = file('groot.csv', `name,type\n${lines.join('\n')}\n`);
    const res = await run('import', csv, '--tenant', 'antwerpen');
    expect(res.code).toBe(0);
    expect(res.log.filter((l) => l.startsWith('progress:'))).toEqual(['progress: 100/250 rows written', 'progress: 200/250 rows written', 'progress: 250/250 rows written']);
    expect(await organisations(antwerpen)).toHaveLength(250);
  });

  it('refuses unreadable files and bad arguments before touching the database', async () => {
    const broken = await run('import', file('kapot.yaml', 'organisations:\n  - name: "open\n'), '--tenant', 'limburg');
    expect(broken.code).toBe(1);
    expect(broken.log.join('\n')).toMatch(/^line \d+: /m);
    const noList = await run('import', file('leeg.yaml', 'organisaties: []\n'), '--tenant', 'limburg');
    expect(noList.log.join('\n')).toMatch(/a list under "organisations:"/);
    const header = await run('import', file('kop.csv', 'naam,type\nX,andere\n'), '--tenant', 'limburg');
    expect(header.log.join('\n')).toMatch(/row 1: unknown column "naam"/);

    await expect(run('import', example)).rejects.toThrow(/missing --tenant/);
    await expect(run('import', '--tenant', 'limburg')).rejects.toThrow(/missing <file>/);
    await expect(run('import', file('lijst.txt', ''), '--tenant', 'limburg')).rejects.toThrow(/cannot tell the format/);
    await expect(run('import', path.join(dir, 'bestaat-niet.csv'), '--tenant', 'limburg')).rejects.toThrow(/no such file/);
    const unknownTenant = run('import', example, '--tenant', 'nergens');
    await expect(unknownTenant).rejects.toThrow(/--tenant: no tenant "nergens"/);
    await expect(unknownTenant).rejects.toBeInstanceOf(CliError);
  });
});
