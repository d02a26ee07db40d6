import { forbidden, notFound, type ChainRequest, type RouteAudit, type RouteDefinition, type TenantScope } from '@ketenhuis/sdk';
import { normalizeReference } from '../../kernel/identifiers';
import { CASE_COLUMNS, requireVisibleCase, viewerOf, type CaseRow } from './case-access';
import { listCases } from './case-list';
import { caseSummary, caseView, findCaseView, referencesFromJson } from './case-view';
import { registerCase } from './case-registration';
import { addLink, addNote, addParticipant, addSubject, touchCase } from './case-parts';
import { addExternalReferences, checkExternalReferences } from './external-references';
import { checkIfMatch, etagOf } from './etag';
import { personTimelinePage } from './person-timeline';
import { appendTimeline, timelinePage } from './timeline';
import { encodeCursor } from '../../kernel/values/cursor';
import { timePage } from '../../kernel/values/time-page';
import { bodyOf, queryOf } from '../../kernel/http/typed-request';

const audit = (action: string, objectIdParam?: string): RouteAudit => ({ action, objectType: 'case', ...(objectIdParam ? { objectIdParam } : {}) });
const location = (id: string) => `/api/v1/cases/${id}`;

async function visibleCase(req: ChainRequest, scope: TenantScope, opts: { lock?: boolean } = {}): Promise<CaseRow> {
  return requireVisibleCase(scope, viewerOf(req.actor), req.params.id, opts);
}

/** Described in packages/contracts/openapi/core/cases.yaml. */
export const caseRoutes: RouteDefinition[] = [
  {
    method: 'post', path: '/cases', permission: 'core.case.register', audit: audit('case.register'),
    async handle(req, scope) {
      const input = bodyOf(req, '/api/v1/cases', 'post');
      const { row, body } = await registerCase(scope, req.actor, input);
      scope.audit({ objectId: row.id, changedFields: Object.keys(input) });
      return { status: 201, body, headers: { location: location(row.id), etag: etagOf(row.version) } };
    },
  },
  {
    method: 'get', path: '/cases', permission: 'core.case.read', audit: audit('case.list'),
    async handle(req, scope) {
      const { limit, after } = timePage(req);
      const { chain, state, reference } = queryOf(req, '/api/v1/cases', 'get');
      const viewer = viewerOf(req.actor);
      // Newest first; the reference matches the case's own or any PV or notitienummer it carries.
      const rows = await listCases(scope, viewer, { chain, state, ...(reference === undefined ? {} : { reference: normalizeReference(reference) }) }, { limit, after });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        status: 200,
        body: { items: page.map((r) => caseSummary(r, referencesFromJson(r.refs))), ...(rows.length > limit ? { nextCursor: encodeCursor(last.at_key, last.id) } : {}) },
      };
    },
  },
  {
    method: 'get', path: '/cases/{id}', permission: 'core.case.read', audit: audit('case.read', 'id'),
    async handle(req, scope) {
      const found = await findCaseView(scope, viewerOf(req.actor), req.params.id);
      if (!found) throw notFound();
      return { status: 200, body: found.body, headers: { etag: etagOf(found.row.version) } };
    },
  },
  {
    method: 'patch', path: '/cases/{id}', permission: 'core.case.update', audit: audit('case.update', 'id'),
    async handle(req, scope) {
      const row = await visibleCase(req, scope, { lock: true });
      checkIfMatch(req.headers['if-match'], row.version);
      const body = bodyOf(req, '/api/v1/cases/{id}', 'patch');
      const refs = await checkExternalReferences(scope, body.addExternalReferences ?? [], 'body.addExternalReferences');
      const changed: string[] = [];
      const data: Record<string, string | string[]> = {};
      if (body.confidentiality !== undefined && body.confidentiality !== row.confidentiality) {
        await scope.query('UPDATE cases SET confidentiality = $2 WHERE id = $1', [row.id, body.confidentiality]);
        changed.push('confidentiality');
        data.confidentiality = body.confidentiality;
      }
      if (refs.length) {
        data.externalReferenceIds = await addExternalReferences(scope, row.id, refs);
        changed.push('externalReferences');
      }
      let current = row;
      if (changed.length) {
        await touchCase(scope, row.id);
        await appendTimeline(scope, row.id, req.actor, 'updated', { changedFields: changed, ...data });
        [current] = await scope.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = $1`, [row.id]);
      }
      scope.audit({ objectId: row.id, changedFields: changed });
      return { status: 200, body: await caseView(scope, viewerOf(req.actor), current), headers: { etag: etagOf(current.version) } };
    },
  },
  {
    method: 'post', path: '/cases/{id}/subjects', permission: 'core.case.update', audit: audit('case.subject.add', 'id'),
    async handle(req, scope) {
      const row = await visibleCase(req, scope);
      const input = bodyOf(req, '/api/v1/cases/{id}/subjects', 'post');
      const subject = await addSubject(scope, req.actor, row.id, input, 'body');
      await touchCase(scope, row.id);
      await appendTimeline(scope, row.id, req.actor, 'subject-added', { personId: subject.personId, role: subject.role });
      scope.audit({ objectId: row.id, changedFields: ['subjects'] });
      return { status: 201, body: subject, headers: { location: location(row.id) } };
    },
  },
  {
    method: 'post', path: '/cases/{id}/participants', permission: 'core.case.update', audit: audit('case.participant.add', 'id'),
    async handle(req, scope) {
      const row = await visibleCase(req, scope);
      const participant = await addParticipant(scope, req.actor, row.id, bodyOf(req, '/api/v1/cases/{id}/participants', 'post'));
      await touchCase(scope, row.id);
      await appendTimeline(scope, row.id, req.actor, 'participant-added',
        { organisationId: participant.organisationId, function: participant.function, role: participant.role });
      scope.audit({ objectId: row.id, changedFields: ['participants'] });
      return { status: 201, body: participant, headers: { location: location(row.id) } };
    },
  },
  {
    method: 'post', path: '/cases/{id}/links', permission: 'core.case.link', audit: audit('case.link', 'id'),
    async handle(req, scope) {
      const row = await visibleCase(req, scope);
      const link = await addLink(scope, viewerOf(req.actor), req.actor, row.id, bodyOf(req, '/api/v1/cases/{id}/links', 'post'));
      // Both cases show the link; versions in id order, so two opposite links cannot deadlock.
      for (const id of [row.id, link.caseId].sort()) await touchCase(scope, id);
      await appendTimeline(scope, row.id, req.actor, 'linked', { caseId: link.caseId, kind: link.kind });
      await appendTimeline(scope, link.caseId, req.actor, 'linked', { caseId: row.id, kind: link.kind });
      scope.audit({ objectId: row.id, changedFields: ['links'] });
      return { status: 201, body: link, headers: { location: location(row.id) } };
    },
  },
  {
    method: 'post', path: '/cases/{id}/notes', permission: 'core.case.note', audit: audit('case.note.add', 'id'),
    async handle(req, scope) {
      const row = await visibleCase(req, scope);
      const note = await addNote(scope, req.actor, row.id, bodyOf(req, '/api/v1/cases/{id}/notes', 'post').text);
      await appendTimeline(scope, row.id, req.actor, 'note-added', { noteId: note.id });
      scope.audit({ objectId: row.id, changedFields: ['notes'] });
      // Notes are read in the timeline, which is where Location points.
      return { status: 201, body: note, headers: { location: `${location(row.id)}/timeline` } };
    },
  },
  {
    method: 'get', path: '/cases/{id}/timeline', permission: 'core.case.read', audit: audit('case.timeline.read', 'id'),
    async handle(req, scope) {
      const row = await visibleCase(req, scope);
      return { status: 200, body: await timelinePage(scope, viewerOf(req.actor), row.id, timePage(req),
        { referralText: req.actor.permissions.has('core.referral.read') }) };
    },
  },
  {
    method: 'get', path: '/persons/{id}/timeline', permission: 'core.case.read',
    audit: { action: 'person.timeline.read', objectType: 'person', objectIdParam: 'id' },
    async handle(req, scope) {
      // The person is named as well as the cases: both permissions are needed.
      if (!req.actor.permissions.has('core.person.read')) throw forbidden();
      const [person] = await scope.query<{ id: string }>('SELECT id FROM persons WHERE id = $1', [req.params.id]);
      if (!person) throw notFound();
      return { status: 200, body: await personTimelinePage(scope, viewerOf(req.actor), person.id, timePage(req)) };
    },
  },
];
