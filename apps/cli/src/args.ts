import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandSpec<O extends Options> {
  usage: string;
  summary: string;
  options: O;
  /** Option name → one-line description, for --help. */
  help: Partial<Record<keyof O & string, string>>;
  positionals?: number;
}

/** Parses a command's arguments strictly: an unknown option or a missing value is a usage error. */
export function parseCommand<O extends Options>(spec: CommandSpec<O>, argv: string[]): { values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string } & { help?: boolean }; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options: { ...spec.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if ((spec.positionals ?? 0) < parsed.positionals.length) throw new CliError(`unexpected argument "${parsed.positionals[spec.positionals ?? 0]}"\n\n${helpText(spec)}`);
    return parsed as never;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${(err as Error).message.replace(/\. To specify a positional.*$/s, '')}\n\n${helpText(spec)}`);
  }
}

export function helpText<O extends Options>(spec: CommandSpec<O>): string {
  const lines = Object.entries(spec.options).map(([name, o]) => {
    const flag = `--${name}${o.type === 'string' ? ' <value>' : ''}`;
    return `  ${flag.padEnd(28)} ${spec.help[name as keyof O & string] ?? ''}`;
  });
  return `Usage: ${spec.usage}\n\n${spec.summary}\n\nOptions:\n${lines.join('\n')}\n  ${'--help'.padEnd(28)} show this help`;
}

export function required(value: string | undefined, name: string, spec: { usage: string }): string {
  if (!value) throw new CliError(`missing --${name}\n\nUsage: ${spec.usage}`);
  return value;
}

export function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
