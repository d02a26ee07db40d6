import type { Actor, TenantScope } from '@ketenhuis/sdk';
import { visibleCaseIds, type Viewer } from './case-access';
import { encodeCursor } from '../../kernel/values/cursor';

/** What can happen to a case. Entries carry these codes and ids only, never free text. */
export type TimelineKind = 'registered' | 'updated' | 'subject-added' | 'participant-added' | 'linked' | 'note-added' | 'transitioned'
  | `referral-${'sent' | 'received' | 'accepted' | 'refused' | 'started' | 'completed' | 'failed'}`
  | `deadline-${'warning' | 'expired' | 'suspended' | 'resumed' | 'extended'}`;

export type TimelineData = Record<string, string | number | boolean | null | string[]>;

/** The columns a timeline entry is written with; the database sets its id and time. */
export const TIMELINE_INSERT = 'INSERT INTO case_timeline (tenant_id, case_id, kind, actor_subject, actor_organisation_id, data)';

/** Appends to the case's history (the table accepts nothing else: no update, no delete). */
export async function appendTimeline(scope: TenantScope, caseId: string, actor: Actor, kind: TimelineKind, data: TimelineData): Promise<void> {
  await scope.query(
    `${TIMELINE_INSERT} VALUES ($1, $2, $3, $4, $5, $6)`,
    [scope.tenantId, caseId, kind, actor.subject, actor.organisationId ?? null, JSON.stringify(data)]);
}

interface TimelineRow {
  id: string;
  at: Date;
  at_key: string;
  kind: TimelineKind;
  actor_subject: string;
  actor_organisation_id: string | null;
  data: TimelineData;
  note_text: string | null;
  referral_note: string | null;
  referral_reason: string | null;
  referral_feedback: string | null;
}

/**
 * A page of the case's history, oldest first. A note's entry shows its text; a referral step's
 * entry shows the note, reason or feedback written with it to a reader who may read referrals
 * (`referralText`), as GET /referrals/{id} would; a link's entry names the other case only if
 * the reader may see that one.
 */
export async function timelinePage(scope: TenantScope, viewer: Viewer, caseId: string, page: { limit: number; after?: [string, string] },
  opts: { referralText: boolean }) {
  // The page is cut first and the ids its entries carry become plain columns: a join on an
  // expression over `data` is not leakproof, so under row-level security the planner would not
  // look notes and referral events up by index but scan the district's.
  const rows = await scope.query<TimelineRow>(
    `WITH page AS MATERIALIZED (
       SELECT t.id, t.tenant_id, t.at, t.kind, t.actor_subject, t.actor_organisation_id, t.data,
         CASE WHEN t.kind = 'note-added' THEN (t.data->>'noteId')::uuid END AS note_id,
         CASE WHEN $5 AND t.kind LIKE 'referral-%' THEN (t.data->>'eventId')::uuid END AS event_id
       FROM case_timeline t
       WHERE t.case_id = $1 AND ($2::timestamptz IS NULL OR (t.at, t.id) > ($2::timestamptz, $3::uuid))
       ORDER BY t.at, t.id LIMIT $4)
     SELECT p.id, p.at, p.at::text AS at_key, p.kind, p.actor_subject, p.actor_organisation_id, p.data, n.text AS note_text,
       re.note AS referral_note, re.reason AS referral_reason, re.feedback AS referral_feedback
     FROM page p
     LEFT JOIN case_notes n ON n.tenant_id = p.tenant_id AND n.id = p.note_id
     LEFT JOIN referral_events re ON re.tenant_id = p.tenant_id AND re.id = p.event_id
     ORDER BY p.at, p.id`, [caseId, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit + 1, opts.referralText]);
  const shown = rows.slice(0, page.limit);
  const linked = shown.flatMap((r) => (r.kind === 'linked' && typeof r.data.caseId === 'string' ? [r.data.caseId] : []));
  const visible = await visibleCaseIds(scope, viewer, linked);
  const items = shown.map((r) => {
    const data = { ...r.data };
    if (r.kind === 'linked' && typeof data.caseId === 'string' && !visible.has(data.caseId)) delete data.caseId;
    return {
      id: r.id, at: r.at, kind: r.kind, actorSubject: r.actor_subject, actorOrganisationId: r.actor_organisation_id, data,
      ...(r.note_text !== null ? { note: { text: r.note_text } } : {}),
      ...(r.referral_note !== null || r.referral_reason !== null || r.referral_feedback !== null ? {
        referral: { note: r.referral_note, reason: r.referral_reason, feedback: r.referral_feedback },
      } : {}),
    };
  });
  const last = shown[shown.length - 1];
  return { items, ...(rows.length > page.limit ? { nextCursor: encodeCursor(last.at_key, last.id) } : {}) };
}
