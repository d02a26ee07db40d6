import { badRequest, notFound, type ChainRoute } from '@ketenhuis/sdk';

type Row = { id: string; title: string; createdAt: Date };

// The cursor carries Postgres's own text of the timestamp: a JS Date would drop the microseconds
// and let the last row of a page come back on the next one.
const encodeCursor = (r: Row & { at: string }) => Buffer.from(`${r.at}|${r.id}`).toString('base64url');
function decodeCursor(cursor: string): [string, string] | undefined {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const timestamp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
  const valid = at && id && timestamp.test(at) && !Number.isNaN(Date.parse(at.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')));
  return valid && /^[0-9a-f-]{36}$/.test(id) ? [at, id] : undefined;
}

export const fixtureRoutes: ChainRoute[] = [
  {
    method: 'get', path: '/items', permission: 'fixture.item.read',
    async handle(req, scope) {
      const limit = Number(req.query.limit ?? 20);
      const after = typeof req.query.cursor === 'string' ? decodeCursor(req.query.cursor) : undefined;
      if (req.query.cursor !== undefined && !after) {
        throw badRequest('query.cursor', 'is not a cursor this API gave out');
      }
      const rows = await scope.query<Row & { at: string }>(
        `SELECT id, title, created_at AS "createdAt", created_at::text AS at FROM fixture_items
         WHERE ($1::timestamptz IS NULL OR (created_at, id) > ($1::timestamptz, $2::uuid))
         ORDER BY created_at, id LIMIT $3`,
        [after?.[0] ?? null, after?.[1] ?? null, limit + 1],
      );
      const page = rows.slice(0, limit);
      const items = page.map(({ at: _at, ...item }) => item);
      return { status: 200, body: { items, ...(rows.length > limit ? { nextCursor: encodeCursor(page[page.length - 1]) } : {}) } };
    },
  },
  {
    method: 'post', path: '/items', permission: 'fixture.item.write',
    async handle(req, scope) {
      const { title } = req.body as { title: string };
      const [row] = await scope.query<Row>(
        `INSERT INTO fixture_items (tenant_id, title) VALUES ($1, $2) RETURNING id, title, created_at AS "createdAt"`, [scope.tenantId, title]);
      await scope.publish({ type: 'fixture.item-created', aggregateType: 'fixture-item', aggregateId: row.id });
      return { status: 201, body: row, headers: { location: `/api/v1/chains/fixture/items/${row.id}` } };
    },
  },
  {
    method: 'get', path: '/items/{id}', permission: 'fixture.item.read',
    async handle(req, scope) {
      const [row] = await scope.query<Row>('SELECT id, title, created_at AS "createdAt" FROM fixture_items WHERE id = $1', [req.params.id]);
      if (!row) throw notFound();
      return { status: 200, body: row };
    },
  },
];
