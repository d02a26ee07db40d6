import { Client } from 'pg';
import { createTestDatabase, fixtureModule } from '@ketenhuis/testing';
it('seq', async () => {
  const db = await createTestDatabase(fixtureModule.migrations);
  const c = new Client({ connectionString: db.adminUrl }); await c.connect();
  const r = await c.query(`SELECT c.relname, c.relkind, c.relacl::text, pg_get_userbyid(c.relowner) owner FROM pg_class c WHERE relnamespace='public'::regnamespace AND relkind IN ('S','r','v') ORDER BY 1`);
  console.log(r.rows);
  const d = await c.query(`SELECT d.refobjid::regclass AS tbl, c.relname FROM pg_depend d JOIN pg_class c ON c.oid=d.objid WHERE c.relkind='S'`);
  console.log(d.rows);
  await c.end(); await db.drop();
});
