import type { KpiPoint } from '@ketenhuis/sdk';
import { STATE_TIME_COLUMN } from '../../kernel/values/referral-states';
import { REPORT_TIME_ZONE } from './report-window';
import type { SqlParams } from './report-source';

/**
 * A SQL expression (over the case alias `c`) for the moment a KPI point marks, or NULL when the
 * case has not reached it:
 *
 * - `field`: a `date` field is the start of that day in Belgian time, a `datetime` field as given;
 * - `entered`: the first time the case entered one of the states, its registration included
 *   (a case registered in a state entered it then);
 * - `registered`: when the case was registered;
 * - `referral`: the first time one of the case's referrals (of the type, if given) reached the state.
 *
 * Every value goes in as a parameter; only column names chosen from fixed lists are written in.
 */
export function kpiPointSql(point: KpiPoint, params: SqlParams): string {
  if ('field' in point) {
    const f = params.add(point.field);
    return `(CASE WHEN c.fields->>${f} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
      THEN (c.fields->>${f})::date::timestamp AT TIME ZONE '${REPORT_TIME_ZONE}'
      ELSE (c.fields->>${f})::timestamptz END)`;
  }
  if ('entered' in point) {
    const states = params.add(Array.isArray(point.entered) ? point.entered : [point.entered]);
    return `(SELECT min(t.at) FROM case_timeline t WHERE t.tenant_id = c.tenant_id AND t.case_id = c.id
      AND ((t.kind = 'transitioned' AND t.data->>'to' = ANY (${states}::text[]))
        OR (t.kind = 'registered' AND t.data->>'state' = ANY (${states}::text[]))))`;
  }
  if ('registered' in point) return 'c.registered_at';
  const column = STATE_TIME_COLUMN[point.referral];
  if (!column) throw new Error(`unknown referral state "${String(point.referral)}"`);
  const type = point.type === undefined ? '' : ` AND r.type = ${params.add(point.type)}`;
  return `(SELECT min(r.${column}) FROM referrals r WHERE r.tenant_id = c.tenant_id AND r.case_id = c.id${type})`;
}

/**
 * The police zone of a case: the zone code of its first PV (NULL without one). PVs registered
 * together share their moment; the lowest PV number among them decides, so the answer is stable.
 */
export const POLICE_ZONE_SQL = `(SELECT x.police_zone_code FROM case_external_references x
  WHERE x.tenant_id = c.tenant_id AND x.case_id = c.id AND x.kind = 'pv' ORDER BY x.added_at, x.search_key LIMIT 1)`;
