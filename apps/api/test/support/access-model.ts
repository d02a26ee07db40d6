import { ModuleRegistry, coreFeatures } from '@ketenhuis/core';

/**
 * A reference model of who may see what (domain brief §1, §3; architecture §3), written from
 * the documented rules rather than from the code, so the property test can hold the platform
 * against it. It predicts each response and learns only from responses it predicted.
 */

export type Confidentiality = 'normaal' | 'vertrouwelijk' | 'strikt-vertrouwelijk';
export const CONFIDENTIALITY: readonly Confidentiality[] = ['normaal', 'vertrouwelijk', 'strikt-vertrouwelijk'];
export const CHAINS = ['snel', 'gezin'] as const;
export const SUBJECT_ROLES = ['verdachte', 'slachtoffer', 'minderjarige', 'ouder-voogd', 'getuige', 'betrokkene'] as const;
export const PARTICIPANT_ROLES = ['dossierbeheerder', 'doorverwezen-partner'] as const;
export const LINK_KINDS = ['samengevoegd', 'zelfde-gezin', 'gerelateerd'] as const;

export interface OrgModel { id: string; tenant: number; type: string; chains: string[] }

export interface ActorModel {
  name: string;
  tenant: number;
  subject: string;
  token: string;
  headers: Record<string, string>;
  /** What the platform makes of token and X-Acting-Organisation, before any permission. */
  resolution: 'acts' | 'must-choose' | 'not-member';
  organisation: OrgModel | null;
  function: string | null;
  permissions: ReadonlySet<string>;
}

export interface PersonModel { id: string; tenant: number; firstName: string; lastName: string; nationalNumber?: string }
export interface ParticipantModel { organisationId: string; function: string; role: string }
export interface SubjectModel { personId: string; role: string }
export interface TimelineEntryModel { kind: string; linkedCaseId?: string; noteText?: string }

export interface CaseModel {
  id: string;
  tenant: number;
  /** Registration order: lists are newest first, person timelines oldest first. */
  seq: number;
  chain: string;
  confidentiality: Confidentiality;
  reference: string;
  registeredBy: { subject: string; organisationId: string | null };
  subjects: SubjectModel[];
  participants: ParticipantModel[];
  /** Normalised keys of the notitienummers and PVs it carries. */
  externalKeys: string[];
  version: number;
  timeline: TimelineEntryModel[];
}

export interface LinkModel { a: string; b: string; kind: string }

/** The expected answer: a status, and for a 400 the field it names. */
export interface Expected { status: number; field?: string }

/** Core's default grants, as each area declares them (its feature.ts). */
const coreDefaults = new ModuleRegistry([], coreFeatures({ deadlineSweepMs: 60_000, webhookSweepMs: 60_000, idempotencyPurgeMs: 60_000 }));

export const permissionsOfFunctions = (fns: string[]): Set<string> => coreDefaults.permissionsOf(fns);

export const normalizeKey = (s: string) => s.toUpperCase().replace(/[\s.\-/\\]/g, '');

export class AccessModel {
  readonly persons: PersonModel[] = [];
  readonly cases: CaseModel[] = [];
  readonly links: LinkModel[] = [];
  private seq = 0;

  constructor(readonly orgs: OrgModel[], readonly actors: ActorModel[]) {}

  org(id: string | null): OrgModel | undefined {
    return this.orgs.find((o) => o.id === id);
  }

  /**
   * Permission, then place: the acting organisation takes part in the case, or is a parket of
   * the case's chain and the case is not strikt-vertrouwelijk; an actor for no organisation sees
   * what it registered for no organisation; and never across tenants.
   */
  canSee(actor: ActorModel, c: CaseModel): boolean {
    if (actor.resolution !== 'acts' || actor.tenant !== c.tenant) return false;
    const org = actor.organisation;
    if (!org) return c.registeredBy.organisationId === null && c.registeredBy.subject === actor.subject;
    if (c.participants.some((p) => p.organisationId === org.id)) return true;
    return org.type === 'parket' && org.chains.includes(c.chain) && c.confidentiality !== 'strikt-vertrouwelijk';
  }

  /** Who the caller is and whether it holds the route's permission, before anything is looked up. */
  gate(actor: ActorModel, ...permissions: string[]): Expected | undefined {
    if (actor.resolution === 'must-choose') return { status: 400, field: 'header.x-acting-organisation' };
    if (actor.resolution === 'not-member') return { status: 403 };
    if (permissions.some((p) => !actor.permissions.has(p))) return { status: 403 };
    return undefined;
  }

  /** A case the caller may read: anything else is the same 404 as a case that does not exist. */
  caseGate(actor: ActorModel, c: CaseModel | undefined, permission: string): Expected | undefined {
    return this.gate(actor, permission) ?? (c && this.canSee(actor, c) ? undefined : { status: 404 });
  }

  personOf(actor: ActorModel, id: string): PersonModel | undefined {
    return this.persons.find((p) => p.id === id && p.tenant === actor.tenant);
  }

  caseById(id: string): CaseModel | undefined {
    return this.cases.find((c) => c.id === id);
  }

  /** The cases the caller may see, as GET /cases lists them (newest first). */
  visibleCases(actor: ActorModel, filter: (c: CaseModel) => boolean = () => true): CaseModel[] {
    return this.cases.filter((c) => this.canSee(actor, c) && filter(c)).sort((x, y) => y.seq - x.seq);
  }

  /**
   * What must never reach this caller: the ids of cases it cannot see (and their references, unique
   * within a tenant), and every id of another tenant.
   */
  hiddenIds(actor: ActorModel): string[] {
    return [
      ...this.cases.filter((c) => !this.canSee(actor, c)).map((c) => c.id),
      ...this.cases.filter((c) => c.tenant === actor.tenant && !this.canSee(actor, c)).map((c) => c.reference),
      ...this.persons.filter((p) => p.tenant !== actor.tenant).map((p) => p.id),
      ...this.orgs.filter((o) => o.tenant !== actor.tenant).map((o) => o.id),
    ];
  }

  linksOf(caseId: string): { other: string; kind: string }[] {
    return this.links.flatMap((l) => (l.a === caseId ? [{ other: l.b, kind: l.kind }] : l.b === caseId ? [{ other: l.a, kind: l.kind }] : []));
  }

  // Predictions of the writes, in the order the platform checks.

  registerPerson(actor: ActorModel, nationalNumber: string | undefined): Expected {
    const gate = this.gate(actor, 'core.person.register');
    if (gate) return gate;
    if (nationalNumber && this.persons.some((p) => p.tenant === actor.tenant && p.nationalNumber === nationalNumber)) return { status: 409 };
    return { status: 201 };
  }

  registerCase(actor: ActorModel, subjects: SubjectModel[]): Expected {
    const gate = this.gate(actor, 'core.case.register');
    if (gate) return gate;
    for (const [i, s] of subjects.entries()) {
      if (!this.personOf(actor, s.personId)) return { status: 400, field: `body.subjects.${i}.personId` };
      if (subjects.slice(0, i).some((x) => x.personId === s.personId && x.role === s.role)) return { status: 409 };
    }
    return { status: 201 };
  }

  addSubject(actor: ActorModel, c: CaseModel | undefined, s: SubjectModel): Expected {
    const gate = this.caseGate(actor, c, 'core.case.update');
    if (gate) return gate;
    if (!this.personOf(actor, s.personId)) return { status: 400, field: 'body.personId' };
    if (c!.subjects.some((x) => x.personId === s.personId && x.role === s.role)) return { status: 409 };
    return { status: 201 };
  }

  addParticipant(actor: ActorModel, c: CaseModel | undefined, p: ParticipantModel): Expected {
    const gate = this.caseGate(actor, c, 'core.case.update');
    if (gate) return gate;
    if (this.org(p.organisationId)?.tenant !== actor.tenant) return { status: 400, field: 'body.organisationId' };
    if (c!.participants.some((x) => x.organisationId === p.organisationId && x.function === p.function && x.role === p.role)) return { status: 409 };
    return { status: 201 };
  }

  addNote(actor: ActorModel, c: CaseModel | undefined): Expected {
    return this.caseGate(actor, c, 'core.case.note') ?? { status: 201 };
  }

  changeConfidentiality(actor: ActorModel, c: CaseModel | undefined, ifMatch: 'current' | 'stale' | 'none'): Expected {
    const gate = this.caseGate(actor, c, 'core.case.update');
    if (gate) return gate;
    if (ifMatch === 'none') return { status: 428 };
    if (ifMatch === 'stale') return { status: 412 };
    return { status: 200 };
  }

  link(actor: ActorModel, c: CaseModel | undefined, otherId: string, kind: string): Expected {
    const gate = this.caseGate(actor, c, 'core.case.link');
    if (gate) return gate;
    const other = this.caseById(otherId);
    if (otherId === c!.id || !other || !this.canSee(actor, other)) return { status: 400, field: 'body.caseId' };
    const [a, b] = [c!.id, other.id].sort();
    if (this.links.some((l) => l.a === a && l.b === b && l.kind === kind)) return { status: 409 };
    return { status: 201 };
  }

  // Effects of the writes that succeeded.

  addPerson(p: PersonModel): void {
    this.persons.push(p);
  }

  addCase(actor: ActorModel, c: Omit<CaseModel, 'seq' | 'tenant' | 'registeredBy' | 'participants' | 'version' | 'timeline'>): CaseModel {
    const { organisation: org, function: fn } = actor;
    const added: CaseModel = {
      ...c, seq: ++this.seq, tenant: actor.tenant, version: 1, timeline: [{ kind: 'registered' }],
      registeredBy: { subject: actor.subject, organisationId: org?.id ?? null },
      participants: org && fn ? [{ organisationId: org.id, function: fn, role: 'aanmelder' }] : [],
    };
    this.cases.push(added);
    return added;
  }

  touched(c: CaseModel, entry: TimelineEntryModel, changesVersion = true): void {
    if (changesVersion) c.version += 1;
    c.timeline.push(entry);
  }

  addLink(c: CaseModel, other: CaseModel, kind: string): void {
    const [a, b] = [c.id, other.id].sort();
    this.links.push({ a, b, kind });
    this.touched(c, { kind: 'linked', linkedCaseId: other.id });
    this.touched(other, { kind: 'linked', linkedCaseId: c.id });
  }
}
