import { randomUUID } from 'node:crypto';
import { formatCaseReference, legalCalendar, normalizeReference, parseNationalNumber, REGISTERING_ROLE, type ModuleRegistry } from '@ketenhuis/core';

/**
 * What `ketenhuis seed scale` writes, decided in memory, one batch of cases at a time: a year of
 * chain M cases as the platform would have left them had people registered and moved them through
 * the API. Each case walks one of the paths below through the workflow the module declares (a step
 * the workflow does not allow stops the seed), and everything a step leaves behind follows the
 * platform's own rules: the timeline entry with codes and ids only, the fields the action sets, a
 * new version, the deadline clocks started, met, warned and expired as the sweep would have done
 * it, the roster rows of planned hearings. seed-scale.ts writes the rows set-based.
 */

type ChainModule = NonNullable<ReturnType<ModuleRegistry['get']>>;
export type CaseTypeDefinition = NonNullable<ChainModule['caseTypes']>[number];
type DeadlineClock = NonNullable<CaseTypeDefinition['workflow']['clocks']>[number];
export type Rng = () => number;

/** The generators of @ketenhuis/testing the seed uses (valid national numbers, made-up names). */
export interface Synthetic {
  mulberry32(seed: number): Rng;
  syntheticNationalNumber(rng: Rng, opts?: { birthYear?: number; sex?: 'M' | 'F'; bis?: boolean }): string;
  syntheticName(rng: Rng, opts?: { sex?: 'M' | 'F' }): { firstName: string; lastName: string; sex: 'M' | 'F' };
}

export const CHAIN = 'm';
export const CASE_TYPE = 'snelrecht';

/** Someone who acts on a case: a user acting for an organisation, or the platform (no organisation). */
export interface ScaleActor {
  subject: string;
  organisationId: string | null;
}

/** An organisation that registers cases, with the user who does it and its share of the cases. */
export interface Registrar extends ScaleActor {
  organisationId: string;
  function: string;
  name: string;
  /** The police zone's code; null for the parket. */
  zoneCode: string | null;
  weight: number;
}

/** Who does what in the seeded district. */
export interface ScaleCast {
  registrars: Registrar[];
  /** The police zone that takes part in only a handful of cases (see handfulOf). */
  handful: Registrar;
  magistrate: ScaleActor;
  jurist: ScaleActor;
  justitiehuis: ScaleActor & { organisationId: string; function: string };
}

/** A district's own durations, by setting key (deadline_settings). */
export type ClockSettings = Map<string, { duration: string; warnBefore: string | null }>;

/** How many cases the handful zone registers: a few dozen at most, whatever the size of the seed. */
export const handfulOf = (cases: number) => Math.min(50, Math.max(5, Math.round(cases / 20_000)), cases);

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SYSTEM: ScaleActor = { subject: `system:${CHAIN}`, organisationId: null };
const DEADLINES_ACTOR: ScaleActor = { subject: 'system:deadlines', organisationId: null };
const OFFENCE_CODES = ['DIEFSTAL.01', 'WINKELDIEFSTAL', 'SLAGEN.392', 'VANDALISME', 'DRUGS.BEZIT', 'VERKEER.AGRESSIE', 'HEELING', 'BEDREIGING'];
/** The case whose timeline runs past a thousand entries: this many notes, PVs and witnesses. */
const BIG_CASE = { notes: 1_000, pvs: 30, witnesses: 2 };

/** The columns of one table, one array per column, filled row by row. */
export class Columns<K extends string> {
  readonly values: Record<K, unknown[]>;
  length = 0;

  constructor(readonly names: readonly K[]) {
    this.values = Object.fromEntries(names.map((n) => [n, []])) as unknown as Record<K, unknown[]>;
  }

  push(row: Record<K, unknown>): void {
    for (const n of this.names) this.values[n].push(row[n]);
    this.length++;
  }
}

/** Everything one batch writes, table by table. */
export function emptyBatch() {
  return {
    persons: new Columns(['id', 'first_name', 'last_name', 'birth_date', 'sex', 'digits', 'kind', 'created_at'] as const),
    cases: new Columns(['id', 'state', 'confidentiality', 'reference_year', 'reference_number', 'reference', 'registered_by_subject',
      'registered_by_organisation_id', 'registered_at', 'updated_at', 'version', 'fields'] as const),
    refs: new Columns(['id', 'case_id', 'kind', 'value', 'search_key', 'police_zone_code', 'added_at'] as const),
    subjects: new Columns(['case_id', 'person_id', 'role', 'added_by_subject', 'added_at'] as const),
    participants: new Columns(['case_id', 'organisation_id', 'function', 'role', 'added_by_subject', 'added_at'] as const),
    notes: new Columns(['id', 'case_id', 'text', 'author_subject', 'author_organisation_id', 'created_at'] as const),
    timeline: new Columns(['case_id', 'at', 'kind', 'actor_subject', 'actor_organisation_id', 'data'] as const),
    deadlines: new Columns(['id', 'case_id', 'source', 'setting_key', 'title', 'duration', 'warn_before', 'started_at', 'due_at', 'warn_at',
      'on_expiry', 'warn_targets', 'expiry_targets', 'state', 'warned_at', 'expired_at', 'stopped_at', 'created_at'] as const),
    roster: new Columns(['week', 'case_id', 'kind', 'hearing_at', 'computed_at'] as const),
    /** The big case, when this batch holds it. */
    bigCase: undefined as { id: string; reference: string } | undefined,
  };
}
export type ScaleBatch = ReturnType<typeof emptyBatch>;

/** One step of a path: a workflow action, or the justitiehuis joining the case. */
interface Step {
  at: number;
  who: 'registrar' | 'magistrate' | 'jurist' | 'system';
  action?: string;
  input?: Record<string, string>;
  joinsJustitiehuis?: true;
}

type PathKind = 'sepot' | 'verval' | 'schikking' | 'bemiddeling' | 'probatie' | 'oproeping' | 'onderzoeksrechter' | 'heroverweging' | 'onbetaald';

/** How the year's cases end, in shares; with arrest the magistrate decides within 48 hours, without a hearing. */
const PATHS: [PathKind, number][] = [
  ['sepot', 18], ['verval', 20], ['schikking', 8], ['bemiddeling', 16], ['probatie', 9], ['oproeping', 12], ['onderzoeksrechter', 5],
  ['heroverweging', 7], ['onbetaald', 5],
];
const ARREST_PATHS: [PathKind, number][] = [['oproeping', 50], ['sepot', 30], ['onderzoeksrechter', 20]];

function weighted<T>(rng: Rng, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}

const iso = (ms: number) => new Date(ms).toISOString();
const statesOf = (c: DeadlineClock): string[] => (Array.isArray(c.state) ? c.state : [c.state]);

interface DeadlinePlan {
  id: string;
  clock: DeadlineClock;
  duration: string;
  warnBefore: string | null;
  startedAt: number;
  dueAt: number;
  warnAt: number | null;
  createdAt: number;
  stoppedAt: number | null;
}

/**
 * Generates the cases of one seed run, in order of registration over the year before `now`, and
 * the persons they need. Deterministic for a given seed, district state and `now`.
 */
export class ScaleGenerator {
  private readonly rng: Rng;
  private readonly transitions = new Map<string, string>();
  private readonly clocks: DeadlineClock[];
  private readonly start: number;
  private readonly span: number;
  /** The persons of this run; suspects are sometimes taken again from here (frequent offenders). */
  private readonly personIds: string[] = [];
  private readonly usedNumbers = new Set<number>();
  private readonly handfulStep: number;
  private handfulLeft: number;
  private readonly memo = new Map<string, number | string>();
  private readonly zoneCodes: string[];
  private readonly salt: number;
  readonly bigIndex: number;

  constructor(private readonly synthetic: Synthetic, seed: number, private readonly cast: ScaleCast, private readonly caseType: CaseTypeDefinition,
    private readonly settings: ClockSettings, private readonly now: number, private readonly total: number) {
    this.rng = synthetic.mulberry32(seed);
    this.salt = Math.floor(this.rng() * 2 ** 32);
    this.zoneCodes = cast.registrars.flatMap((r) => (r.zoneCode ? [r.zoneCode] : []));
    for (const t of caseType.workflow.transitions) {
      for (const from of Array.isArray(t.from) ? t.from : [t.from]) this.transitions.set(`${from}|${t.action}`, t.to);
    }
    this.clocks = caseType.workflow.clocks ?? [];
    this.span = 365 * DAY;
    this.start = now - this.span;
    this.handfulLeft = handfulOf(total);
    this.handfulStep = Math.max(1, Math.floor(total / this.handfulLeft));
    this.bigIndex = Math.floor(total / 2);
  }

  /** When case `i` of the run was registered: evenly over the year, in order. */
  registeredAt(i: number): number {
    return Math.floor(this.start + ((i + 0.05 + 0.9 * this.rngAt(i)) * this.span) / this.total);
  }

  /** The reference year of a registration: the year in Brussels, as the counter takes it. */
  yearOf(at: number): number {
    return Number(this.dayOf(at).slice(0, 4));
  }

  /** A fixed fraction per index, so registeredAt can be asked twice for one case. */
  private rngAt(i: number): number {
    let t = (i ^ this.salt) >>> 0;
    t = Math.imul(t ^ (t >>> 16), 0x85ebca6b) >>> 0;
    t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35) >>> 0;
    return ((t ^ (t >>> 16)) >>> 0) / 4294967296;
  }

  private u(a: number, b: number): number {
    return a + this.rng() * (b - a);
  }

  // The Brussels calendar, memoised: a seed asks the same few hundred days millions of times.
  private dayOf(at: number): string {
    const hour = Math.floor(at / HOUR);
    const key = `d${hour}`;
    let day = this.memo.get(key) as string | undefined;
    if (day === undefined) this.memo.set(key, (day = legalCalendar.dayOf(new Date(hour * HOUR))));
    return day;
  }

  private startOfDay(day: string): number {
    const key = `s${day}`;
    let at = this.memo.get(key) as number | undefined;
    if (at === undefined) this.memo.set(key, (at = legalCalendar.startOfDay(day).getTime()));
    return at;
  }

  private shift(at: number, duration: string, sign: 1 | -1): number {
    const key = `${sign}${duration}${at}`;
    let out = this.memo.get(key) as number | undefined;
    if (out === undefined) {
      out = (sign === 1 ? legalCalendar.add : legalCalendar.subtract)(new Date(at), duration).getTime();
      if (this.memo.size > 500_000) this.memo.clear();
      this.memo.set(key, out);
    }
    return out;
  }

  /** A time of day the parket holds hearings: 08:00 to 15:30 UTC on the day `at` falls on. */
  private hearingTime(at: number): number {
    return Math.floor(at / DAY) * DAY + (8 + Math.floor(this.rng() * 16) / 2) * HOUR;
  }

  /** A new person for the registry, with a national number nobody else in the run has. */
  private newPerson(batch: ScaleBatch, at: number, opts: { adult: boolean }): string {
    const id = randomUUID();
    const { digits, sex, birthDate, kind } = this.nationalNumber(opts.adult);
    const name = this.synthetic.syntheticName(this.rng, { sex });
    batch.persons.push({ id, first_name: name.firstName, last_name: name.lastName, birth_date: birthDate, sex, digits, kind, created_at: iso(at) });
    this.personIds.push(id);
    return id;
  }

  /** A valid national number (about 2% BIS numbers), checked by core's own parser. */
  nationalNumber(adult = true, sex?: 'M' | 'F'): { digits: string; sex: 'M' | 'F'; birthDate: string | null; kind: 'rrn' | 'bis' } {
    const thisYear = new Date(this.now).getUTCFullYear();
    for (;;) {
      const birthYear = Math.floor(this.u(adult ? 1950 : 1940, adult ? thisYear - 18 : thisYear - 1));
      const digits = this.synthetic.syntheticNationalNumber(this.rng, { birthYear, bis: this.rng() < 0.02, ...(sex ? { sex } : {}) });
      if (this.usedNumbers.has(Number(digits))) continue;
      const parsed = parseNationalNumber(digits, { today: new Date(this.now) });
      if (!parsed.ok) throw new Error(`the synthetic national number generator made a number core refuses: ${parsed.reason}`);
      this.usedNumbers.add(Number(digits));
      const b = parsed.value.birthDate;
      const birthDate = b?.month && b.day ? `${b.year}-${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}` : null;
      return { digits, sex: parsed.value.sex ?? sex ?? 'M', birthDate, kind: parsed.value.kind };
    }
  }

  /** Gives persons of this batch whose number is already in the district (an earlier run) another one. */
  renumber(batch: ScaleBatch, taken: Set<string>, indexOf: (digits: string) => string): number {
    const { values } = batch.persons;
    let changed = 0;
    for (let r = 0; r < batch.persons.length; r++) {
      if (!taken.has(indexOf(values.digits[r] as string))) continue;
      const next = this.nationalNumber(true, values.sex[r] as 'M' | 'F');
      values.digits[r] = next.digits;
      values.birth_date[r] = next.birthDate;
      values.kind[r] = next.kind;
      changed++;
    }
    return changed;
  }

  /** Who registers case `i`: the handful zone at even steps until its few cases are done, else by share. */
  private registrarFor(i: number): Registrar {
    // The big case is the largest zone's, so the handful zone keeps its exact count.
    if (i === this.bigIndex) return this.cast.registrars[0];
    if (this.handfulLeft > 0 && i % this.handfulStep === this.handfulStep - 1) {
      this.handfulLeft--;
      return this.cast.handful;
    }
    return weighted(this.rng, this.cast.registrars.map((r) => [r, r.weight] as [Registrar, number]));
  }

  /**
   * Cases `from` to `from + count - 1` of the run; `numberOf(year)` hands out the next reference
   * number of the year (the counter was raised for the batch beforehand).
   */
  batch(from: number, count: number, numberOf: (year: number) => number): ScaleBatch {
    const batch = emptyBatch();
    for (let i = from; i < from + count; i++) this.oneCase(batch, i, numberOf);
    return batch;
  }

  private actorOf(who: Step['who'], registrar: Registrar): ScaleActor {
    if (who === 'registrar') return registrar;
    if (who === 'magistrate') return this.cast.magistrate;
    if (who === 'jurist') return this.cast.jurist;
    return SYSTEM;
  }

  private oneCase(batch: ScaleBatch, i: number, numberOf: (year: number) => number): void {
    const reg = this.registeredAt(i);
    const year = this.yearOf(reg);
    const number = numberOf(year);
    const reference = formatCaseReference(CHAIN, year, number);
    const registrar = this.registrarFor(i);
    const big = i === this.bigIndex;
    const id = randomUUID();
    const r = this.rng();
    const confidentiality = big || r < 0.985 ? 'normaal' : r < 0.997 ? 'vertrouwelijk' : 'strikt-vertrouwelijk';
    const arrest = !big && this.rng() < 0.15;
    const pvDate = this.dayOf(arrest ? reg : reg - Math.floor(this.u(0, 3.5)) * DAY);
    const codes = [OFFENCE_CODES[Math.floor(this.rng() * OFFENCE_CODES.length)]];
    if (this.rng() < 0.25) codes.push(OFFENCE_CODES[Math.floor(this.rng() * OFFENCE_CODES.length)]);
    let fields: Record<string, unknown> = { pvDate, arrest, offenceCodes: [...new Set(codes)] };

    // The PV of the zone that drew it up (the parket's cases come with a PV of some zone), and mostly a notitienummer.
    const zone = registrar.zoneCode ?? this.zoneCodes[Math.floor(this.rng() * this.zoneCodes.length)];
    const pad = String(number).padStart(6, '0');
    const refIds: string[] = [];
    const addRef = (kind: 'pv' | 'notitienummer', value: string, at: number) => {
      const refId = randomUUID();
      batch.refs.push({ id: refId, case_id: id, kind, value, search_key: normalizeReference(value), police_zone_code: kind === 'pv' ? zone : null, added_at: iso(at) });
      return refId;
    };
    refIds.push(addRef('pv', `DM.${zone}.L1.${pad}/${year}`, reg));
    if (big || this.rng() < 0.6) refIds.push(addRef('notitienummer', `DM.99.M1.${pad}/${String(year).slice(2)}`, reg));

    // A suspect, often one the district already knows (snelrecht is for frequent offenders), and in a third of the cases a victim.
    const subjects: { personId: string; role: string }[] = [];
    const repeat = this.personIds.length > 0 && this.rng() < 0.35;
    subjects.push({ personId: repeat ? this.personIds[Math.floor(this.personIds.length * this.rng() ** 2)] : this.newPerson(batch, reg, { adult: true }), role: 'verdachte' });
    if (this.rng() < 0.3) subjects.push({ personId: this.newPerson(batch, reg, { adult: this.rng() < 0.8 }), role: 'slachtoffer' });
    for (const s of subjects) batch.subjects.push({ case_id: id, person_id: s.personId, role: s.role, added_by_subject: registrar.subject, added_at: iso(reg) });
    batch.participants.push({ case_id: id, organisation_id: registrar.organisationId, function: registrar.function, role: REGISTERING_ROLE, added_by_subject: registrar.subject, added_at: iso(reg) });

    const entry = (at: number, kind: string, actor: ScaleActor, data: Record<string, unknown>) =>
      batch.timeline.push({ case_id: id, at: iso(at), kind, actor_subject: actor.subject, actor_organisation_id: actor.organisationId, data: JSON.stringify(data) });
    let state = this.caseType.workflow.initial;
    let version = 1;
    let updated = reg;
    entry(reg, 'registered', registrar, {
      caseType: this.caseType.id, state, confidentiality, externalReferenceIds: refIds,
      subjectIds: [...new Set(subjects.map((s) => s.personId))], fieldIds: Object.keys(fields).sort(),
    });

    const deadlines: DeadlinePlan[] = [];
    const follow = (from: string | null, to: string, at: number) => {
      for (const c of this.clocks) {
        const states = statesOf(c);
        if (from !== null && states.includes(from) && !states.includes(to)) {
          for (const d of deadlines) if (d.clock === c && d.stoppedAt === null) d.stoppedAt = at;
        }
        if (!states.includes(to) || (from !== null && states.includes(from))) continue;
        if (deadlines.some((d) => d.clock === c && d.stoppedAt === null)) continue;
        if (c.when && fields[c.when.field] !== c.when.equals) continue;
        let startedAt: number;
        if (c.runsFrom === 'stateEntered') startedAt = at;
        else {
          const value = fields[c.runsFrom.field];
          if (typeof value !== 'string') continue;
          startedAt = /^\d{4}-\d{2}-\d{2}$/.test(value) ? this.startOfDay(value) : Date.parse(value);
        }
        const setting = this.settings.get(`${CHAIN}:${this.caseType.id}:${c.id}`);
        const duration = setting?.duration ?? c.duration;
        // As startDeadline takes them: the district's setting, else the module's default.
        const warnBefore = setting?.warnBefore ?? c.warnBefore ?? null;
        const dueAt = this.shift(startedAt, duration, 1);
        deadlines.push({ id: randomUUID(), clock: c, duration, warnBefore, startedAt, dueAt, warnAt: warnBefore ? this.shift(dueAt, warnBefore, -1) : null, createdAt: at, stoppedAt: null });
      }
    };
    follow(null, state, reg);

    for (const step of this.path(reg, arrest, big)) {
      if (step.at > this.now) break;
      const actor = this.actorOf(step.who, registrar);
      if (step.joinsJustitiehuis) {
        const jh = this.cast.justitiehuis;
        batch.participants.push({ case_id: id, organisation_id: jh.organisationId, function: jh.function, role: 'uitvoerder', added_by_subject: actor.subject, added_at: iso(step.at) });
        entry(step.at, 'participant-added', actor, { organisationId: jh.organisationId, function: jh.function, role: 'uitvoerder' });
        version++;
        updated = step.at;
        continue;
      }
      const to = this.transitions.get(`${state}|${step.action}`);
      if (!to) throw new Error(`chain ${CHAIN}'s workflow has no action "${step.action}" from "${state}"; the scale seed's paths (seed-scale-plan.ts) must follow the workflow`);
      const input = step.input ?? {};
      entry(step.at, 'transitioned', actor, { action: step.action!, from: state, to, inputFields: Object.keys(input).sort() });
      fields = { ...fields, ...input };
      version++;
      updated = step.at;
      follow(state, to, step.at);
      for (const [field, kind] of [['hearingDate', 'hoorzitting'], ['summonsHearingDate', 'oproeping']] as const) {
        if (input[field] === undefined) continue;
        const hearingAt = Date.parse(input[field]);
        batch.roster.push({ week: legalCalendar.mondayOf(this.dayOf(hearingAt)), case_id: id, kind, hearing_at: input[field], computed_at: iso(step.at) });
      }
      state = to;
    }

    // What the deadline sweep did meanwhile: a warning, an expiry, each once, with its timeline entry.
    for (const d of deadlines) {
      const end = d.stoppedAt ?? this.now;
      const warned = d.warnAt !== null && d.warnAt <= end && d.warnAt < d.dueAt;
      const expired = d.dueAt <= end;
      const source = `clock:${CHAIN}:${this.caseType.id}:${d.clock.id}`;
      if (warned) entry(d.warnAt!, 'deadline-warning', DEADLINES_ACTOR, { deadlineId: d.id, source, dueAt: iso(d.dueAt) });
      if (expired) entry(d.dueAt, 'deadline-expired', DEADLINES_ACTOR, { deadlineId: d.id, source, dueAt: iso(d.dueAt), escalated: d.clock.onExpiry === 'escalate' });
      batch.deadlines.push({
        id: d.id, case_id: id, source, setting_key: `${CHAIN}:${this.caseType.id}:${d.clock.id}`, title: JSON.stringify(d.clock.title),
        duration: d.duration, warn_before: d.warnBefore, started_at: iso(d.startedAt), due_at: iso(d.dueAt), warn_at: d.warnAt === null ? null : iso(d.warnAt),
        on_expiry: d.clock.onExpiry, warn_targets: JSON.stringify(d.clock.warn ?? []), expiry_targets: JSON.stringify(d.clock.expiry ?? []),
        state: expired ? 'expired' : d.stoppedAt !== null ? 'met' : 'running',
        warned_at: warned ? iso(d.warnAt!) : null, expired_at: expired ? iso(d.dueAt) : null,
        stopped_at: d.stoppedAt === null ? null : iso(d.stoppedAt), created_at: iso(d.createdAt),
      });
    }

    if (big) {
      // One case followed for months: a note every few hours, more PVs gathered, witnesses added.
      const span = this.now - reg;
      for (let k = 1; k <= BIG_CASE.pvs; k++) {
        const at = reg + Math.floor((span * k) / (BIG_CASE.pvs + 1)) + 7_000;
        const refId = addRef('pv', `DM.${zone}.L2.${pad}${String(k).padStart(3, '0')}/${year}`, at);
        entry(at, 'updated', registrar, { changedFields: ['externalReferences'], externalReferenceIds: [refId] });
        version++;
        updated = Math.max(updated, at);
      }
      for (let k = 1; k <= BIG_CASE.witnesses; k++) {
        const at = reg + Math.floor((span * k) / (BIG_CASE.witnesses + 1)) + 11_000;
        const personId = this.newPerson(batch, at, { adult: true });
        batch.subjects.push({ case_id: id, person_id: personId, role: 'getuige', added_by_subject: registrar.subject, added_at: iso(at) });
        entry(at, 'subject-added', registrar, { personId, role: 'getuige' });
        version++;
        updated = Math.max(updated, at);
      }
      for (let k = 1; k <= BIG_CASE.notes; k++) {
        const at = reg + Math.floor((span * k) / (BIG_CASE.notes + 1)) + 3_000;
        const author = k % 3 === 0 ? registrar : this.cast.jurist;
        const noteId = randomUUID();
        batch.notes.push({ id: noteId, case_id: id, text: `Synthetische notitie ${k} bij ${reference}: opvolging besproken, geen bijzonderheden.`,
          author_subject: author.subject, author_organisation_id: author.organisationId, created_at: iso(at) });
        entry(at, 'note-added', author, { noteId });
      }
      batch.bigCase = { id, reference };
    }

    batch.cases.push({
      id, state, confidentiality, reference_year: year, reference_number: number, reference, registered_by_subject: registrar.subject,
      registered_by_organisation_id: registrar.organisationId, registered_at: iso(reg), updated_at: iso(updated), version, fields: JSON.stringify(fields),
    });
  }

  /**
   * The steps a case would take from its registration, with their moments; the walk stops at the
   * first one still in the future, so older cases are closed and recent ones still open. The
   * delays keep the clocks met, except for the 2% of cases that wait too long for a decision.
   */
  private path(reg: number, arrest: boolean, big: boolean): Step[] {
    const u = (a: number, b: number) => this.u(a, b);
    const late = !arrest && !big && this.rng() < 0.02 ? u(50, 80) * DAY : 0;
    const kind: PathKind = big ? 'probatie' : weighted(this.rng, arrest ? ARREST_PATHS : PATHS);
    const steps: Step[] = [];
    let t = reg;
    const push = (s: Step): number => {
      t = Math.max(Math.floor(s.at), t + 60_000);
      steps.push({ ...s, at: t });
      return t;
    };
    const day = (at: number) => this.dayOf(at);
    /** Decided without a hearing: within hours after an arrest, within weeks otherwise. */
    const quick = () => reg + (arrest ? u(2, 20) * HOUR : u(3, 25) * DAY + late);
    /** Plans the hearing; the magistrate decides at it (or a day or two later). */
    const hearing = () => {
      const planned = push({ at: reg + u(2, 12) * DAY + late, who: 'registrar', action: 'plan-hoorzitting', input: {} });
      const hearingAt = this.hearingTime(planned + u(7, 21) * DAY);
      steps[steps.length - 1].input = { hearingDate: iso(hearingAt) };
      return hearingAt + u(0.05, 2) * DAY;
    };
    const summons = (at: number) => {
      const decided = push({ at, who: 'magistrate', action: 'beslis-oproeping' });
      const hearingAt = this.hearingTime(decided + u(15, 40) * DAY);
      steps[steps.length - 1].input = { summonsHearingDate: iso(hearingAt) };
      return hearingAt;
    };
    const payment = (action: string, at: number) => {
      const decided = push({ at, who: 'magistrate', action });
      const due = day(decided + 30 * DAY);
      steps[steps.length - 1].input = { paymentDueDate: due };
      return this.startOfDay(due);
    };
    switch (kind) {
      case 'sepot':
        push({ at: quick(), who: 'magistrate', action: 'beslis-sepot' });
        push({ at: t + u(1, 10) * DAY, who: 'jurist', action: 'sluit-af' });
        break;
      case 'verval':
      case 'schikking': {
        const due = payment(kind === 'verval' ? 'beslis-verval-strafvordering' : 'beslis-minnelijke-schikking', hearing());
        push({ at: Math.max(t + DAY, due - u(0, 20) * DAY), who: 'jurist', action: 'registreer-betaling' });
        break;
      }
      case 'onbetaald': {
        const due = payment('beslis-verval-strafvordering', hearing());
        const hearingAt = summons(due + u(2, 6) * DAY);
        push({ at: hearingAt + u(1, 10) * DAY, who: 'jurist', action: 'sluit-af' });
        break;
      }
      case 'bemiddeling':
        push({ at: hearing(), who: 'magistrate', action: 'beslis-bemiddeling' });
        push({ at: t + u(1, 48) * HOUR, who: 'jurist', joinsJustitiehuis: true });
        push({ at: t + u(10, 40) * DAY, who: 'system', action: 'start-maatregel' });
        push({ at: t + u(60, 180) * DAY, who: 'system', action: 'stel-naleving-vast' });
        break;
      case 'probatie':
        push({ at: hearing(), who: 'magistrate', action: 'beslis-praetoriaanse-probatie' });
        push({ at: t + u(1, 48) * HOUR, who: 'jurist', joinsJustitiehuis: true });
        push({ at: t + u(3, 15) * DAY, who: 'jurist', action: 'start-opvolging' });
        push({ at: t + (big ? 400 : u(90, 180)) * DAY, who: 'jurist', action: 'stel-naleving-vast' });
        break;
      case 'oproeping': {
        const hearingAt = summons(quick());
        if (this.rng() < 0.5) {
          push({ at: hearingAt + u(1, 10) * DAY, who: 'jurist', action: 'volg-vonnis-op' });
          push({ at: t + u(30, 150) * DAY, who: 'jurist', action: 'stel-naleving-vast' });
        } else {
          push({ at: hearingAt + u(1, 10) * DAY, who: 'jurist', action: 'sluit-af' });
        }
        break;
      }
      case 'onderzoeksrechter':
        push({ at: quick(), who: 'magistrate', action: 'beslis-onderzoeksrechter' });
        push({ at: t + u(20, 90) * DAY, who: 'jurist', action: 'sluit-af' });
        break;
      case 'heroverweging': {
        push({ at: hearing(), who: 'magistrate', action: 'beslis-bemiddeling' });
        push({ at: t + u(1, 48) * HOUR, who: 'jurist', joinsJustitiehuis: true });
        push({ at: t + u(20, 60) * DAY, who: 'system', action: 'leg-voor-aan-magistraat' });
        const hearingAt = summons(t + u(2, 10) * DAY);
        push({ at: hearingAt + u(1, 10) * DAY, who: 'jurist', action: 'sluit-af' });
        break;
      }
    }
    return steps;
  }
}
