import { BuiltInIssuer, Platform, TenantRegistry, createLogger, migrate, onShutdown } from '@ketenhuis/core';
import { close, listen } from '@ketenhuis/api';
import { helpText, parseCommand, type CommandSpec } from '../args';
import { CliError } from '../cli-error';
import { openOperatorSession, type CommandContext } from '../context';
import { seedDemoDistrict } from '../demo-district';
import { inTenant, operatorAudit } from '../operator';
import { seedDemo } from './seed';
import { dataDir } from '../paths';

const spec = {
  usage: 'ketenhuis start [--port <port>]',
  summary: 'Runs API and worker in one process. Without DATABASE_URL it runs an embedded PostgreSQL in .ketenhuis/, migrates, and seeds the demo district "limburg" on first run.',
  options: { port: { type: 'string' } },
  help: { port: 'HTTP port (default: PORT or 3000)' },
} satisfies CommandSpec<Record<string, { type: 'string' }>>;

export async function startCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommand(spec, argv);
  if (values.help) return ctx.out(helpText(spec)), 0;
  if (values.port !== undefined && !/^\d{1,5}$/.test(values.port)) throw new CliError(`--port: "${values.port}" is not a port number`);
  const env: NodeJS.ProcessEnv = { ...ctx.env, ...(values.port ? { PORT: values.port } : {}) };
  // Quiet by default on a developer's terminal; LOG_LEVEL=info shows every request.
  if (!env.LOG_LEVEL) env.LOG_LEVEL = 'warn';

  ctx.log('starting Ketenhuis…');
  const session = await openOperatorSession({ ...ctx, env });
  let platform: Platform | undefined;
  try {
    const { config } = session.runtime;
    const logger = createLogger(config.logLevel);
    const { applied } = await migrate(config, session.registry.migrations);
    if (applied.length) ctx.log(`applied ${applied.length} migration(s)`);
    await session.owner.initialize();
    const tenants = new TenantRegistry(session.owner);
    const demo = session.runtime.mode === 'embedded' ? await seedDemoDistrict(tenants, session.registry.ids, ctx.log) : undefined;
    if (demo) {
      // Partners, a 458ter protocol and one user per function; idempotent, so a later start only
      // adds what a newer version seeds.
      const seeded = await inTenant(session, demo, {}, (db) => seedDemo(db, demo, operatorAudit(), session.registry.ids));
      if (seeded.changed) ctx.log(`seeded demo partners and users of "${demo.slug}" (tokens: ketenhuis token --tenant ${demo.slug} --sub demo-<function>)`);
    }

    platform = await Platform.create({ config, modules: session.modules, logger });
    await platform.startWorker();
    const host = env.HOST || (session.runtime.mode === 'embedded' ? '127.0.0.1' : '0.0.0.0');
    // Signed before listening, so the banner follows the moment the API answers.
    const demoToken = demo && await new BuiltInIssuer(session.owner).sign({ tenantId: demo.id, subject: 'demo-beheerder', roles: ['tenant-beheerder'], ttlSeconds: 12 * 3600 });
    const server = await listen(platform, config.port, host).catch((err: NodeJS.ErrnoException) => {
      throw new CliError(err.code === 'EADDRINUSE' ? `port ${config.port} is in use: set PORT or pass --port` : err.message, 1);
    });
    const base = `http://localhost:${config.port}`;
    const lines = [
      '',
      'Ketenhuis is running.',
      `  API           ${base}/api/v1`,
      `  API docs      ${base}/api/v1/docs`,
      `  Readiness     ${base}/readyz`,
      `  Database      ${session.runtime.mode === 'embedded' ? `embedded PostgreSQL (data in ${dataDir(env)})` : 'DATABASE_URL'}`,
      `  Queues        ${config.redisUrl ? 'Redis (REDIS_URL)' : "BullMQ's PostgreSQL backend"}`,
    ];
    if (demo && demoToken) {
      lines.push(
        '',
        `Demo district "${demo.slug}" (${demo.name}). A token for it, valid 12 hours:`,
        `  ${demoToken}`,
        'Try it:',
        `  curl -H "Authorization: Bearer <token>" ${base}/api/v1/tenant`,
        'More tokens (in another terminal):',
        `  npx ketenhuis token --tenant ${demo.slug} --sub <name> --roles <function,...>`,
      );
    }
    lines.push('', 'Stop with Ctrl-C.');
    ctx.log(lines.join('\n'));

    const running = platform;
    onShutdown(logger, async () => {
      ctx.log('stopping…');
      // Ctrl-C in a terminal also reaches the embedded postgres (same process group), which may
      // already be going down: every step still runs, and a connection lost on the way is expected.
      const steps: Array<[string, () => Promise<void>]> = [
        ['http', () => close(server)],
        ['platform', () => running.close()],
        ['database', () => session.close()],
      ];
      for (const [name, step] of steps) {
        await step().catch((err: Error) => logger.debug({ err: err.message }, `${name} stopped with an error`));
      }
    });
    return -1; // keep running
  } catch (err) {
    await platform?.close().catch(() => undefined);
    await session.close().catch(() => undefined);
    throw err;
  }
}
