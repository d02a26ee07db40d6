import 'reflect-metadata';
import { ConfigError, ModuleDefinitionError } from '@ketenhuis/core';
import { CliError } from './cli-error';
import type { CommandContext } from './context';
import { migrateCommand } from './commands/migrate';
import { startCommand } from './commands/start';
import { tenantCommand } from './commands/tenant';
import { tokenCommand } from './commands/token';
import { auditCommand } from './commands/audit';
import { userCommand } from './commands/user';
import { partnersCommand } from './commands/partners';
import { seedCommand } from './commands/seed';
import { reportCommand } from './commands/report';
import { moduleCommand } from './commands/module';

const commands: Record<string, { run: (argv: string[], ctx: CommandContext) => Promise<number>; summary: string }> = {
  start: { run: startCommand, summary: 'run API and worker in one process (embedded database without DATABASE_URL)' },
  migrate: { run: migrateCommand, summary: 'create roles, apply migrations, apply grants' },
  tenant: { run: tenantCommand, summary: 'create or list tenants (judicial districts)' },
  token: { run: tokenCommand, summary: 'print a bearer token of the built-in issuer' },
  audit: { run: auditCommand, summary: "verify a tenant's hash-chained audit trail" },
  user: { run: userCommand, summary: "register or list a tenant's users" },
  partners: { run: partnersCommand, summary: "import a district's catalogue of partner organisations (YAML or CSV)" },
  seed: { run: seedCommand, summary: 'seed a district with synthetic demo partners and users (demo), or a year of cases (scale)' },
  report: { run: reportCommand, summary: "export a chain's lead times, deadline compliance or open cases (CSV)" },
  module: { run: moduleCommand, summary: 'write a new chain module package in modules/<id> (module new <id>)' },
};

const usage = `Usage: ketenhuis <command> [options]

Commands:
${Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join('\n')}

Run "ketenhuis <command> --help" for a command's options.
Configuration comes from environment variables; see the README.`;

async function main(argv: string[]): Promise<number> {
  const ctx: CommandContext = {
    env: { ...process.env },
    out: (text) => process.stdout.write(`${text}\n`),
    log: (text) => process.stderr.write(`${text}\n`),
  };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    ctx.out(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) throw new CliError(`unknown command "${name}"\n\n${usage}`);
  return command.run(rest, ctx);
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exitCode = code; },
  (err) => {
    if (err instanceof CliError) {
      process.stderr.write(`ketenhuis: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    if (err instanceof ConfigError || err instanceof ModuleDefinitionError) {
      process.stderr.write(`ketenhuis: ${err.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`ketenhuis: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
