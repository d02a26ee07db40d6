import type { DataSource } from 'typeorm';
import { ModuleRegistry, createDataSource, loadInstalledModules } from '@ketenhuis/core';
import { openRuntime, type Runtime } from './runtime';

export interface CommandContext {
  env: NodeJS.ProcessEnv;
  /** Data for pipes (tokens, JSON) goes to stdout; everything else to stderr via `log`. */
  out: (text: string) => void;
  log: (text: string) => void;
}

export interface OperatorSession {
  runtime: Runtime;
  registry: ModuleRegistry;
  modules: unknown[];
  /** Owner-role connection: operators create tenants and sign tokens, the app role cannot. */
  owner: DataSource;
  close(): Promise<void>;
}

/** Opens the database as an operator; modules are validated first so a bad one stops us early. */
export async function openOperatorSession(ctx: CommandContext): Promise<OperatorSession> {
  const runtime = await openRuntime(ctx.env, ctx.log);
  try {
    const modules = loadInstalledModules(runtime.config.modules);
    const registry = new ModuleRegistry(modules);
    const owner = createDataSource({ url: runtime.config.databaseUrl, poolMax: 2, sessionRole: runtime.config.ownerRole, applicationName: 'ketenhuis-cli' });
    return {
      runtime, registry, modules, owner,
      async close() {
        if (owner.isInitialized) await owner.destroy();
        await runtime.close();
      },
    };
  } catch (err) {
    await runtime.close();
    throw err;
  }
}
