import type { EntityManager } from 'typeorm';
import {
  AuditChainer, ENCRYPTION_KEYS_VARIABLE, FieldCipher, INDEX_KEY_VARIABLE, OrganisationStore, addMembership, applyImport, createUser,
  findUserByEmail, keyRingFromEnv, planImport, seedDemoPartners, seedDemoUsers, writeAuditRecord, type OperatorAudit, type Tenant,
} from '@ketenhuis/core';
import { helpText, parseCommand, required, type CommandSpec } from '../args';
import { CliError } from '../cli-error';
import { openOperatorSession, type CommandContext, type OperatorSession } from '../context';
import { findTenant, inTenant, operatorAudit } from '../operator';
import {
  CASE_TYPE, CHAIN, ScaleGenerator, type CaseTypeDefinition, type ClockSettings, type Columns, type Registrar, type ScaleBatch,
  type ScaleCast, type Synthetic,
} from './seed-scale-plan';

export const scaleSpec = {
  usage: 'ketenhuis seed scale --tenant <slug> --cases <n> [--seed <int>] [--json]',
  summary: 'Fills a district with n synthetic cases of chain M over the past year, as the platform would hold them: persons with '
    + 'encrypted national numbers, subjects, participants, PVs and notitienummers, timelines (one case with over a thousand entries), '
    + 'deadlines and the hearing roster, spread over the demo parket and police zones (one zone takes part in only a handful). '
    + 'Seeds the demo partners first if the district lacks them. Another run adds n more. Needs the platform\'s keys '
    + `(${ENCRYPTION_KEYS_VARIABLE}, ${INDEX_KEY_VARIABLE}) with DATABASE_URL.`,
  options: { tenant: { type: 'string' }, cases: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } },
  help: {
    tenant: 'slug of the tenant (district) to fill; chain m must be enabled in it',
    cases: 'how many cases to add (1 to 10000000)',
    seed: 'seed of the random choices: names, numbers, paths, shares (default 1)',
    json: 'print what was seeded as JSON',
  },
} satisfies CommandSpec<Record<string, { type: 'string' } | { type: 'boolean' }>>;

/** Cases per transaction: each batch commits whole cases, so an interrupted seed leaves a consistent district. */
const BATCH = 10_000;
const MAX_CASES = 10_000_000;

/** The police zones the scale seed adds to the demo district's two, with their share of the cases. */
const ZONES = [
  { name: 'Politiezone Demo-Noord', code: '9901', weight: 30 },
  { name: 'Politiezone Demo-Zuid', code: '9902', weight: 22 },
  { name: 'Politiezone Demo-Oost', code: '9903', weight: 15 },
  { name: 'Politiezone Demo-West', code: '9904', weight: 12 },
  { name: 'Politiezone Demo-Kempen', code: '9905', weight: 8 },
  { name: 'Politiezone Demo-Maasland', code: '9906', weight: 6 },
];
/** The zone that takes part in only a handful of cases (handfulOf): the list of a caller who sees little. */
const HANDFUL_ZONE = { name: 'Politiezone Demo-Grens', code: '9909' };
const PARKET = { name: 'Parket Demo', weight: 7 };
const JUSTITIEHUIS = 'Justitiehuis Demo';

/** The tables a seed writes, in the order it writes them. */
export const SEEDED_TABLES = ['persons', 'case_reference_counters', 'cases', 'case_external_references', 'case_subjects', 'case_participants',
  'case_notes', 'case_timeline', 'deadlines', 'm_hearing_roster'] as const;

export interface ScaleSeedResult {
  tenant: string;
  seed: number;
  cases: number;
  /** Cases of chain M in the district after the run (earlier runs included). */
  casesInDistrict: number;
  persons: number;
  timelineEntries: number;
  deadlines: number;
  bigCase: { id: string; reference: string; timelineEntries: number };
  handfulZone: { name: string; policeZoneCode: string; cases: number; user: string };
  seconds: number;
  database: { name: string; bytes: number; size: string };
  tables: { table: string; districtRows: number; bytes: number }[];
}

/** Loaded when the command runs, so the CLI itself never needs a development package to start. */
function loadSynthetic(): Synthetic {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@ketenhuis/testing') as Synthetic;
  } catch (err) {
    throw new CliError(`seed scale makes its synthetic people with @ketenhuis/testing, which is not installed here (${(err as Error).message}); run it from a checkout of the repository`, 1);
  }
}

function wholeNumber(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"\n\nUsage: ${scaleSpec.usage}`);
  }
  return n;
}

const seconds = (start: number) => Math.round((performance.now() - start) / 100) / 10;

export async function seedScaleCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommand(scaleSpec, argv);
  if (values.help) return ctx.out(helpText(scaleSpec)), 0;
  const slug = required(values.tenant, 'tenant', scaleSpec);
  const cases = wholeNumber(required(values.cases, 'cases', scaleSpec), 'cases', 1, MAX_CASES)!;
  const seed = wholeNumber(values.seed, 'seed', 0, 2 ** 31 - 1) ?? 1;
  const synthetic = loadSynthetic();
  const session = await openOperatorSession(ctx);
  try {
    const tenant = await findTenant(session, slug);
    const result = await seedScale(session, tenant, { cases, seed, synthetic, log: ctx.log });
    if (values.json) ctx.out(JSON.stringify(result, null, 2));
    else {
      ctx.out(`${'table'.padEnd(26)} ${'rows in district'.padStart(16)} ${'size (all districts)'.padStart(21)}`);
      for (const t of result.tables) ctx.out(`${t.table.padEnd(26)} ${String(t.districtRows).padStart(16)} ${pretty(t.bytes).padStart(21)}`);
      ctx.out(`big case ${result.bigCase.reference} (${result.bigCase.id}): ${result.bigCase.timelineEntries} timeline entries`);
      ctx.out(`handful zone ${result.handfulZone.name} (${result.handfulZone.policeZoneCode}): ${result.handfulZone.cases} cases, user ${result.handfulZone.user}`);
    }
    ctx.log(`seeded ${cases} cases into ${slug} in ${result.seconds} s (${result.casesInDistrict} cases of chain ${CHAIN} in the district now); `
      + `database ${result.database.name} is ${result.database.size}`);
    return 0;
  } finally {
    await session.close();
  }
}

function pretty(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = bytes;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(i ? 1 : 0)} ${units[i]}`;
}

/** The platform's cipher, from the keys it runs with: the seed encrypts exactly as the API does. */
function cipherOf(session: OperatorSession): FieldCipher {
  const { encryptionKeys, indexKey } = session.runtime.config;
  if (!encryptionKeys || !indexKey) {
    throw new CliError(`seed scale encrypts national numbers as the platform does: set ${ENCRYPTION_KEYS_VARIABLE} and ${INDEX_KEY_VARIABLE} to the keys the platform runs with`, 1);
  }
  return new FieldCipher(keyRingFromEnv({ [ENCRYPTION_KEYS_VARIABLE]: encryptionKeys, [INDEX_KEY_VARIABLE]: indexKey }));
}

/** The snelrecht case type as the installed chain declares it, if the chain is installed and the district enabled it. */
function caseTypeOf(session: OperatorSession, tenant: Tenant): CaseTypeDefinition {
  const mod = session.registry.get(CHAIN);
  if (!mod) throw new CliError(`seed scale seeds chain ${CHAIN}, which is not installed: add @ketenhuis/chain-${CHAIN} to KETENHUIS_MODULES`, 1);
  if (!tenant.modules.includes(CHAIN)) throw new CliError(`chain ${CHAIN} is not enabled in ${tenant.slug}: create the tenant with --modules ${CHAIN}`, 1);
  const type = mod.caseTypes?.find((t) => t.id === CASE_TYPE);
  if (!type) throw new CliError(`chain ${CHAIN} has no case type "${CASE_TYPE}" any more; seed-scale-plan.ts must follow it`, 1);
  return type;
}

/**
 * The district's cast, made if missing and kept if there: the demo partners and users, the extra
 * police zones each with a user of its own, and the parket and justitiehuis people who act on
 * cases. Audited as the demo seed is.
 */
async function prepareCast(db: EntityManager, tenant: Tenant, audit: OperatorAudit, chains: string[]): Promise<ScaleCast> {
  const partners = await seedDemoPartners(db, tenant.id, audit, chains);
  const demoOrgId = (name: string) => partners.organisations.find((o) => o.name === name)!.id;
  await seedDemoUsers(db, tenant.id, demoOrgId, audit);

  const store = new OrganisationStore(db, tenant.id);
  const zones = [...ZONES, HANDFUL_ZONE];
  const plan = planImport(zones.map((z, i) => ({ at: `scale zone ${i + 1}`, fields: { name: z.name, type: 'politiezone', policeZoneCode: z.code, chains: [CHAIN] } })), await store.all());
  if (plan.errors.length) throw new CliError(`the scale seed's police zones clash with this district: ${plan.errors.join('; ')}`, 1);
  await applyImport(db, tenant.id, plan.actions.filter((a) => a.kind === 'create'), audit);
  const organisations = await store.all();
  const orgId = (match: (o: (typeof organisations)[number]) => boolean, what: string) => {
    const found = organisations.find(match);
    if (!found) throw new CliError(`the district has no ${what}; run ketenhuis seed demo --tenant ${tenant.slug}`, 1);
    return found.id;
  };

  /** A user acting for one organisation with one function: found by e-mail, else registered. */
  const person = async (email: string, name: string, subject: string, organisationId: string, fn: string) => {
    let user = await findUserByEmail(db, email);
    if (!user) {
      user = await createUser(db, tenant.id, { name, email, subject });
      await addMembership(db, tenant.id, user.id, { organisationId, function: fn });
      await writeAuditRecord(db, tenant.id, { ...audit, action: 'user.create', objectType: 'user', objectId: user.id, result: 'allowed', purpose: 'administration', changedFields: ['name', 'email', 'subject', 'memberships'] });
    }
    if (!user.subject) throw new CliError(`user ${email} has no subject; the scale seed acts in its name`, 1);
    return user.subject;
  };
  const demo = async (fn: string, organisationId: string) => ({
    subject: await person(`${fn}@demo.ketenhuis.test`, `${fn} (demo)`, `demo-${fn}`, organisationId, fn), organisationId,
  });
  const zoneRegistrar = async (z: { name: string; code: string }, weight: number): Promise<Registrar> => {
    const organisationId = orgId((o) => o.type === 'politiezone' && o.policeZoneCode === z.code, `police zone ${z.code}`);
    const subject = z.code === '9901'
      ? (await demo('politie-inspecteur', organisationId)).subject
      : await person(`politie-${z.code}@scale.ketenhuis.test`, `Inspecteur ${z.name} (synthetisch)`, `scale-politie-${z.code}`, organisationId, 'politie-inspecteur');
    return { subject, organisationId, function: 'politie-inspecteur', name: z.name, zoneCode: z.code, weight };
  };

  const parketId = orgId((o) => o.type === 'parket' && o.name === PARKET.name, `"${PARKET.name}"`);
  const registrars: Registrar[] = [];
  for (const z of ZONES) registrars.push(await zoneRegistrar(z, z.weight));
  const administratief = await demo('administratief-medewerker', parketId);
  registrars.push({ ...administratief, function: 'administratief-medewerker', name: PARKET.name, zoneCode: null, weight: PARKET.weight });
  const justitiehuisId = orgId((o) => o.type === 'justitiehuis' && o.name === JUSTITIEHUIS, `"${JUSTITIEHUIS}"`);
  return {
    registrars,
    handful: await zoneRegistrar(HANDFUL_ZONE, 0),
    magistrate: await demo('magistraat', parketId),
    jurist: await demo('parketjurist', parketId),
    justitiehuis: { ...(await demo('justitieassistent', justitiehuisId)), organisationId: justitiehuisId, function: 'justitieassistent' },
  };
}

/** `INSERT ... SELECT FROM unnest(...)` of one table's columns; `types` gives each column's SQL type. */
async function insertColumns<K extends string>(db: EntityManager, table: string, tenantId: string, cols: Columns<K>,
  types: Record<K, string>, constants: Record<string, string> = {}): Promise<void> {
  if (!cols.length) return;
  const names = cols.names;
  const params: unknown[] = [tenantId];
  const arrays = names.map((n) => {
    params.push(cols.values[n]);
    // jsonb goes over the wire as text and is cast row by row.
    return `$${params.length}::${types[n] === 'jsonb' ? 'text' : types[n]}[]`;
  });
  const constantNames = Object.keys(constants);
  const constantValues = constantNames.map((n) => { params.push(constants[n]); return `$${params.length}`; });
  const q = (n: string) => `"${n}"`;
  await db.query(
    `INSERT INTO ${table} (tenant_id, ${[...names, ...constantNames].map(q).join(', ')})
     SELECT $1, ${names.map((n) => `u.${q(n)}${types[n] === 'jsonb' ? '::jsonb' : ''}`).join(', ')}${constantValues.map((v) => `, ${v}`).join('')}
     FROM unnest(${arrays.join(', ')}) AS u(${names.map(q).join(', ')})`, params);
}

/** Writes one batch in the caller's tenant transaction; the persons first, as everything points to them. */
async function writeBatch(db: EntityManager, tenantId: string, batch: ScaleBatch, cipher: FieldCipher, roster: boolean): Promise<void> {
  const p = batch.persons.values;
  if (batch.persons.length) {
    // Encrypted and blind-indexed with the platform's cipher, exactly as POST /persons stores them.
    const digits = p.digits as string[];
    await db.query(
      `INSERT INTO persons (tenant_id, id, first_name, last_name, birth_date, sex, national_number_ciphertext, national_number_index,
         national_number_kind, created_at, updated_at)
       SELECT $1, u.id, u.f, u.l, u.b, u.s, u.c, u.x, u.k, u.at, u.at
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[])
         AS u(id, f, l, b, s, c, x, k, at)`,
      [tenantId, p.id, p.first_name, p.last_name, p.birth_date, p.sex, digits.map((d) => cipher.encrypt(d, tenantId)),
        digits.map((d) => cipher.blindIndex(d, tenantId)), p.kind, p.created_at]);
  }
  await insertColumns(db, 'cases', tenantId, batch.cases, {
    id: 'uuid', state: 'text', confidentiality: 'text', reference_year: 'int', reference_number: 'int', reference: 'text', registered_by_subject: 'text',
    registered_by_organisation_id: 'uuid', registered_at: 'timestamptz', updated_at: 'timestamptz', version: 'int', fields: 'jsonb',
  }, { chain: CHAIN, case_type: CASE_TYPE });
  await insertColumns(db, 'case_external_references', tenantId, batch.refs, {
    id: 'uuid', case_id: 'uuid', kind: 'text', value: 'text', search_key: 'text', police_zone_code: 'text', added_at: 'timestamptz',
  });
  await insertColumns(db, 'case_subjects', tenantId, batch.subjects, { case_id: 'uuid', person_id: 'uuid', role: 'text', added_by_subject: 'text', added_at: 'timestamptz' });
  await insertColumns(db, 'case_participants', tenantId, batch.participants, {
    case_id: 'uuid', organisation_id: 'uuid', function: 'text', role: 'text', added_by_subject: 'text', added_at: 'timestamptz',
  });
  await insertColumns(db, 'case_notes', tenantId, batch.notes, {
    id: 'uuid', case_id: 'uuid', text: 'text', author_subject: 'text', author_organisation_id: 'uuid', created_at: 'timestamptz',
  });
  await insertColumns(db, 'case_timeline', tenantId, batch.timeline, {
    case_id: 'uuid', at: 'timestamptz', kind: 'text', actor_subject: 'text', actor_organisation_id: 'uuid', data: 'jsonb',
  });
  await insertColumns(db, 'deadlines', tenantId, batch.deadlines, {
    id: 'uuid', case_id: 'uuid', source: 'text', setting_key: 'text', title: 'jsonb', duration: 'text', warn_before: 'text', started_at: 'timestamptz',
    due_at: 'timestamptz', warn_at: 'timestamptz', on_expiry: 'text', warn_targets: 'jsonb', expiry_targets: 'jsonb', state: 'text',
    warned_at: 'timestamptz', expired_at: 'timestamptz', stopped_at: 'timestamptz', created_at: 'timestamptz',
  });
  if (roster) {
    await insertColumns(db, 'm_hearing_roster', tenantId, batch.roster, { week: 'date', case_id: 'uuid', kind: 'text', hearing_at: 'timestamptz', computed_at: 'timestamptz' });
  }
}

export async function seedScale(session: OperatorSession, tenant: Tenant, opts: { cases: number; seed: number; synthetic: Synthetic; log: (line: string) => void; now?: Date }): Promise<ScaleSeedResult> {
  const started = performance.now();
  const caseType = caseTypeOf(session, tenant);
  const cipher = cipherOf(session);
  const audit = operatorAudit();
  const { cast, settings, roster, before } = await inTenant(session, tenant, {}, async (db) => {
    const prepared = await prepareCast(db, tenant, audit, session.registry.ids);
    const rows: { source_key: string; duration: string; warn_before: string | null }[] = await db.query('SELECT source_key, duration, warn_before FROM deadline_settings');
    const clockSettings: ClockSettings = new Map(rows.map((r) => [r.source_key, { duration: r.duration, warnBefore: r.warn_before }]));
    const [{ present }]: { present: boolean }[] = await db.query(`SELECT to_regclass('m_hearing_roster') IS NOT NULL AS present`);
    const [{ n }]: { n: number }[] = await db.query('SELECT count(*)::int AS n FROM cases WHERE chain = $1', [CHAIN]);
    return { cast: prepared, settings: clockSettings, roster: present, before: n };
  });
  if (before) opts.log(`${tenant.slug} already holds ${before} cases of chain ${CHAIN}: adding ${opts.cases} more`);

  const now = (opts.now ?? new Date()).getTime();
  // Another run on the same district gets other people and times, never the same national numbers.
  const generator = new ScaleGenerator(opts.synthetic, (Math.imul(opts.seed, 2654435761) + before) >>> 0, cast, caseType, settings, now, opts.cases);
  let persons = 0;
  let timelineEntries = 0;
  let deadlines = 0;
  let bigCase: { id: string; reference: string } | undefined;
  for (let from = 0; from < opts.cases; from += BATCH) {
    const count = Math.min(BATCH, opts.cases - from);
    const perYear = new Map<number, number>();
    for (let i = from; i < from + count; i++) {
      const year = generator.yearOf(generator.registeredAt(i));
      perYear.set(year, (perYear.get(year) ?? 0) + 1);
    }
    await inTenant(session, tenant, {}, async (db) => {
      // A seed that dies loses its last batches, never their consistency: each batch is one transaction.
      await db.query('SET LOCAL synchronous_commit = off');
      // The counters first, as registration takes them: the numbers stay gap-free, and a registration
      // through the API meanwhile waits for this batch and then takes the next number.
      const raised: { year: number; last_number: number }[] = await db.query(
        `INSERT INTO case_reference_counters (tenant_id, chain, year, last_number)
         SELECT $1, $2, u.year, u.n FROM unnest($3::int[], $4::int[]) AS u(year, n)
         ON CONFLICT (tenant_id, chain, year) DO UPDATE SET last_number = case_reference_counters.last_number + EXCLUDED.last_number
         RETURNING year, last_number`, [tenant.id, CHAIN, [...perYear.keys()], [...perYear.values()]]);
      const next = new Map(raised.map((r) => [r.year, r.last_number - perYear.get(r.year)!]));
      const batch = generator.batch(from, count, (year) => {
        const n = next.get(year)! + 1;
        next.set(year, n);
        return n;
      });
      // National numbers an earlier run already gave out in this district are replaced.
      const indexOf = (digits: string) => cipher.blindIndex(digits, tenant.id);
      for (;;) {
        const indexes = (batch.persons.values.digits as string[]).map(indexOf);
        const taken: { x: string }[] = await db.query('SELECT national_number_index AS x FROM persons WHERE national_number_index = ANY ($1::text[])', [indexes]);
        if (!taken.length || !generator.renumber(batch, new Set(taken.map((t) => t.x)), indexOf)) break;
      }
      await writeBatch(db, tenant.id, batch, cipher, roster);
      persons += batch.persons.length;
      timelineEntries += batch.timeline.length;
      deadlines += batch.deadlines.length;
      bigCase ??= batch.bigCase;
    });
    opts.log(`cases ${from + count}/${opts.cases}, ${seconds(started)} s`);
  }

  // One record for the run (the people and zones it added have theirs), chained like every other.
  await inTenant(session, tenant, {}, (db) => writeAuditRecord(db, tenant.id, {
    ...audit, action: 'seed.scale', objectType: 'tenant', objectId: tenant.id, result: 'allowed', purpose: 'administration', changedFields: [...SEEDED_TABLES],
  }));
  await new AuditChainer(session.owner).chainTenant(tenant.id);

  opts.log(`vacuum and analyze, ${seconds(started)} s`);
  const tables = SEEDED_TABLES.filter((t) => t !== 'm_hearing_roster' || roster);
  // Not in a transaction: VACUUM sets the visibility map (index-only scans), ANALYZE the statistics.
  await session.owner.query(`VACUUM (ANALYZE) ${tables.join(', ')}`);

  const stats = await inTenant(session, tenant, { readOnly: true }, async (db) => {
    const out: { table: string; districtRows: number; bytes: number }[] = [];
    for (const table of tables) {
      const [row]: { n: number; bytes: string }[] = await db.query(`SELECT (SELECT count(*)::int FROM ${table}) AS n, pg_total_relation_size($1::regclass)::text AS bytes`, [table]);
      out.push({ table, districtRows: row.n, bytes: Number(row.bytes) });
    }
    const [big]: { n: number }[] = await db.query('SELECT count(*)::int AS n FROM case_timeline WHERE case_id = $1', [bigCase!.id]);
    const [handful]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM case_participants WHERE organisation_id = $1 AND role = 'aanmelder'`, [cast.handful.organisationId]);
    const [db_]: { name: string; bytes: string; size: string }[] = await db.query(
      'SELECT current_database() AS name, pg_database_size(current_database())::text AS bytes, pg_size_pretty(pg_database_size(current_database())) AS size');
    const [{ n: total }]: { n: number }[] = await db.query('SELECT count(*)::int AS n FROM cases WHERE chain = $1', [CHAIN]);
    return { out, big: big.n, handful: handful.n, database: { name: db_.name, bytes: Number(db_.bytes), size: db_.size }, total };
  });
  return {
    tenant: tenant.slug, seed: opts.seed, cases: opts.cases, casesInDistrict: stats.total, persons, timelineEntries, deadlines,
    bigCase: { ...bigCase!, timelineEntries: stats.big },
    handfulZone: { name: cast.handful.name, policeZoneCode: cast.handful.zoneCode!, cases: stats.handful, user: cast.handful.subject },
    seconds: seconds(started), database: stats.database, tables: stats.out,
  };
}

