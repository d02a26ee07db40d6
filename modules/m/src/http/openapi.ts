import type { OpenApiFragment } from '@ketenhuis/sdk';

const problem = { $ref: '#/components/responses/Problem' };
const count = { type: 'integer', minimum: 0 };

/** Paths are relative to `/api/v1/chains/m`; schema names carry the module's prefix. */
export const mOpenApi: OpenApiFragment = {
  paths: {
    '/dashboard': {
      get: {
        operationId: 'mDashboard',
        summary: 'The M section at a glance: open cases per state, deadlines due, this week\'s hearings',
        description: 'Requires `m.dashboard.read`. Counts only the snelrecht cases the caller\'s organisation sees (its own, or its chain\'s as the parket); '
          + 'the hearings list their cases only for callers who may read cases (`core.case.read`), others get the count. Audited as `m-dashboard.read`.',
        tags: ['chain m'],
        parameters: [
          { name: 'withinDays', in: 'query', description: 'How far ahead a running deadline counts as due soon', schema: { type: 'integer', minimum: 1, maximum: 90, default: 7 } },
        ],
        responses: {
          '200': { description: 'The dashboard', content: { 'application/json': { schema: { $ref: '#/components/schemas/MDashboard' } } } },
          '400': problem, '401': problem, '403': problem, '404': problem,
        },
      },
    },
  },
  components: {
    schemas: {
      MDashboard: {
        type: 'object',
        required: ['generatedAt', 'openByState', 'deadlines', 'hearings'],
        properties: {
          generatedAt: { type: 'string', format: 'date-time' },
          openByState: { type: 'array', description: 'Every state a case can wait in, in workflow order, zeros included', items: { $ref: '#/components/schemas/MDashboardStateCount' } },
          deadlines: {
            type: 'object',
            required: ['withinDays', 'dueSoon', 'overdue'],
            properties: {
              withinDays: { type: 'integer' },
              dueSoon: { ...count, description: 'Cases with a running deadline that falls due within withinDays' },
              overdue: { ...count, description: 'Cases with a deadline that passed and is not yet met' },
            },
          },
          hearings: {
            type: 'object',
            required: ['week', 'count'],
            properties: {
              week: { type: 'string', format: 'date', description: 'Monday of the current week (Brussels)' },
              count,
              items: { type: 'array', maxItems: 200, items: { $ref: '#/components/schemas/MDashboardHearing' } },
              truncated: { type: 'boolean', description: 'More hearings than items lists' },
            },
          },
        },
      },
      MDashboardStateCount: {
        type: 'object',
        required: ['state', 'title', 'count'],
        properties: { state: { type: 'string' }, title: { $ref: '#/components/schemas/WorkflowLabel' }, count },
      },
      MDashboardHearing: {
        type: 'object',
        required: ['caseId', 'reference', 'kind', 'hearingAt', 'state'],
        properties: {
          caseId: { type: 'string', format: 'uuid' },
          reference: { type: 'string' },
          kind: { type: 'string', enum: ['hoorzitting', 'oproeping'], description: 'The parket\'s hearing, or the court hearing of a summons by PV' },
          hearingAt: { type: 'string', format: 'date-time' },
          state: { type: 'string' },
        },
      },
    },
  },
};
