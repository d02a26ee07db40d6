import type { KpiPoint } from '@ketenhuis/sdk';
import { STATE_TIME_COLUMN } from '../../kernel/values/referral-states';
import { REPORT_TIME_ZONE } from './report-window';
import type { SqlParams } from './report-source';

/** A report window as SQL: its first instant and the instant after its last day. */
export interface WindowSql {
  start: string;
  end: string;
}

/**
 * A KPI point in a report's statement over the cases `c`: `expr` is the moment it marks, NULL
 * when the case has not reached it, and `join` the table it comes from, if not the case itself.
 *
 * - `field`: a `date` field is the start of that day in Belgian time, a `datetime` field as given;
 * - `entered`: the first time the case entered one of the states, its registration included
 *   (a case registered in a state entered it then);
 * - `registered`: when the case was registered;
 * - `referral`: the first time one of the case's referrals (of the type, if given) reached the state.
 *
 * With a `window` the point also decides which cases the report reads: those whose moment falls
 * in it. A moment of the timeline or of referrals is then found from the entries in the window
 * (an index range), not by asking every case of the chain; `where` holds the condition for a
 * moment of the case itself. Every value goes in as a parameter; only column names chosen from
 * fixed lists are written in.
 */
export function momentSql(point: KpiPoint, alias: string, params: SqlParams, window?: WindowSql): { expr: string; join: string; where?: string } {
  if ('field' in point || 'registered' in point) {
    const expr = 'registered' in point ? 'c.registered_at' : fieldMomentSql(params.add(point.field));
    return { expr, join: '', ...(window ? { where: `${expr} >= ${window.start} AND ${expr} < ${window.end}` } : {}) };
  }
  const firstMoment = (table: string, at: string, where: string) => {
    const first = `(SELECT x.case_id, min(x.${at}) AS at FROM ${table} x WHERE ${where}${window ? ` AND x.${at} < ${window.end}` : ''}
      GROUP BY x.case_id${window ? ` HAVING min(x.${at}) >= ${window.start}` : ''}) ${alias}`;
    return { expr: `${alias}.at`, join: `${window ? 'JOIN' : 'LEFT JOIN'} ${first} ON ${alias}.case_id = c.id` };
  };
  if ('entered' in point) {
    const states = params.add(Array.isArray(point.entered) ? point.entered : [point.entered]);
    return firstMoment('case_timeline', 'at', `x.entered_state = ANY (${states}::text[])`);
  }
  const column = STATE_TIME_COLUMN[point.referral];
  if (!column) throw new Error(`unknown referral state "${String(point.referral)}"`);
  return firstMoment('referrals', column, `x.${column} IS NOT NULL${point.type === undefined ? '' : ` AND x.type = ${params.add(point.type)}`}`);
}

const fieldMomentSql = (f: string) => `(CASE WHEN c.fields->>${f} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
  THEN (c.fields->>${f})::date::timestamp AT TIME ZONE '${REPORT_TIME_ZONE}'
  ELSE (c.fields->>${f})::timestamptz END)`;

/**
 * The police zone of a case: the zone code of its first PV (NULL without one). PVs registered
 * together share their moment; the lowest PV number among them decides, so the answer is stable.
 */
export const POLICE_ZONE_SQL = `(SELECT x.police_zone_code FROM case_external_references x
  WHERE x.tenant_id = c.tenant_id AND x.case_id = c.id AND x.kind = 'pv' ORDER BY x.added_at, x.search_key LIMIT 1)`;
