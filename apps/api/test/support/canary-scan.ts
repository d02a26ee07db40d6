import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { Redis } from 'ioredis';

/**
 * Canaries: values that must never be kept in clear. Each has a name that says how it travelled
 * (which request, which path), so a finding names the leak without a debugger.
 */
export interface Canary {
  name: string;
  kind: 'national number' | 'BIS number' | 'client secret' | 'webhook secret';
  value: string;
  /** Scanned by a test of its own (a path outside the main list). */
  group?: string;
}

export interface Finding {
  canary: string;
  notation: string;
  place: string;
  occurrences: number;
  excerpt: string;
}

const parts = (d: string) => [d.slice(0, 2), d.slice(2, 4), d.slice(4, 6), d.slice(6, 9), d.slice(9)];

/** The ways a national or BIS number is typed, and the ways a URL carries them. */
export const notations = {
  plain: (d: string) => d,
  dotted: (d: string) => { const [y, m, day, s, c] = parts(d); return `${y}.${m}.${day}-${s}.${c}`; },
  spaced: (d: string) => parts(d).join(' '),
  dashed: (d: string) => parts(d).join('-'),
  'url-encoded dotted (%2E)': (d: string) => { const [y, m, day, s, c] = parts(d); return `${y}%2E${m}%2E${day}-${s}%2E${c}`; },
  'url-encoded dotted and dashed (%2E, %2D)': (d: string) => { const [y, m, day, s, c] = parts(d); return `${y}%2E${m}%2E${day}%2D${s}%2E${c}`; },
  'url-encoded spaced (%20)': (d: string) => parts(d).join('%20'),
  'form-encoded spaced (+)': (d: string) => parts(d).join('+'),
} as const;

export type Notation = keyof typeof notations;

/** Separators between digits, typed or URL-encoded: `.`, space, `-`, `+`, `/` and their %XX forms. */
const SEPARATORS = /(?<=\d)(?:[. +/-]|%2[0bdef])+(?=\d)/gi;
export const digitsOnly = (text: string) => text.replace(SEPARATORS, '');

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

function excerpt(text: string, at: number, length: number): string {
  const from = Math.max(0, at - 60);
  return `${from > 0 ? '…' : ''}${text.slice(from, at + length + 60).replace(/[^\x20-\x7e]/g, '·')}${at + length + 60 < text.length ? '…' : ''}`;
}

interface Needle { canary: Canary; notation: string; text: string; caseless: boolean }

/** Looks for every notation of every canary; counts the places it looked in. */
export class CanaryScanner {
  readonly places: string[] = [];
  readonly findings: Finding[] = [];
  private readonly needles: Needle[] = [];
  private readonly numbers: Canary[];
  private readonly boundedDigits = new Map<string, RegExp>();

  constructor(readonly canaries: Canary[]) {
    for (const c of canaries) {
      if (c.kind === 'national number' || c.kind === 'BIS number') {
        if (!/^\d{11}$/.test(c.value)) throw new Error(`canary ${c.name} is not 11 digits`);
        for (const [notation, form] of Object.entries(notations)) this.needles.push({ canary: c, notation, text: form(c.value).toLowerCase(), caseless: true });
        this.boundedDigits.set(c.name, new RegExp(`(?<!\\d)${c.value}(?!\\d)`));
      } else {
        this.needles.push({ canary: c, notation: 'exact', text: c.value, caseless: false });
        const encoded = encodeURIComponent(c.value);
        if (encoded !== c.value) this.needles.push({ canary: c, notation: 'url-encoded', text: encoded, caseless: false });
      }
    }
    this.numbers = canaries.filter((c) => this.boundedDigits.has(c.name));
  }

  /** Names a place that was looked in; returns it for check(). */
  place(name: string): string {
    this.places.push(name);
    return name;
  }

  /** Looks in one text of a place (a column, a key, a line); records and returns what it found. */
  check(place: string, text: string | null | undefined): Finding[] {
    if (!text) return [];
    const found: Finding[] = [];
    let lower: string | undefined;
    for (const n of this.needles) {
      const haystack = n.caseless ? (lower ??= text.toLowerCase()) : text;
      const hits = count(haystack, n.text);
      if (hits) found.push({ canary: `${n.canary.kind} "${n.canary.name}"`, notation: n.notation, place, occurrences: hits, excerpt: excerpt(text, haystack.indexOf(n.text), n.text.length) });
    }
    // Any other way of writing the digits: separators (typed or encoded) stripped, then the exact
    // 11-digit sequence as a whole token, so ids and timestamps that happen to hold it do not count.
    if (this.numbers.length && /\d/.test(text)) {
      const digits = digitsOnly(text);
      for (const c of this.numbers) {
        if (!digits.includes(c.value)) continue;
        const m = this.boundedDigits.get(c.name)!.exec(digits);
        if (m) found.push({ canary: `${c.kind} "${c.name}"`, notation: 'digits only (separators stripped)', place, occurrences: digits.split(this.boundedDigits.get(c.name)!).length - 1, excerpt: excerpt(digits, m.index, c.value.length) });
      }
    }
    this.findings.push(...found);
    return found;
  }

  occurrences(filter: (f: Finding) => boolean = () => true): number {
    return this.findings.filter(filter).reduce((n, f) => n + f.occurrences, 0);
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Every row of every table, materialised view and catalog of the database, read as the
 * superuser (row-level security does not apply). Each column is read as text; bytea is read as
 * its bytes (`escape`), since its hex form would hide text. TOAST tables are read through their
 * owners (decompressed); other sessions' temporary schemas cannot be read and are skipped.
 */
export async function scanDatabase(adminUrl: string, scanner: CanaryScanner): Promise<{ tables: number; rows: number; schemas: string[] }> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ schema: string; table: string; column: string; type: string }>(
      `SELECT n.nspname AS schema, c.relname AS table, a.attname AS column, a.atttypid::regtype::text AS type
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
       WHERE c.relkind IN ('r', 'm') AND a.attnum > 0 AND NOT a.attisdropped
         AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
       ORDER BY n.nspname, c.relname, a.attnum`);
    const tables = new Map<string, { schema: string; table: string; columns: { column: string; type: string }[] }>();
    for (const c of columns) {
      const key = `${c.schema}.${c.table}`;
      if (!tables.has(key)) tables.set(key, { schema: c.schema, table: c.table, columns: [] });
      tables.get(key)!.columns.push({ column: c.column, type: c.type });
    }
    let rowCount = 0;
    for (const [key, { schema, table, columns: cols }] of tables) {
      const place = scanner.place(`table ${key}`);
      const select = cols.map((c, i) => `${c.type === 'bytea' ? `encode(${quoteIdent(c.column)}, 'escape')` : `${quoteIdent(c.column)}::text`} AS c${i}`).join(', ');
      const { rows } = await client.query<Record<string, string | null>>(`SELECT ${select} FROM ${quoteIdent(schema)}.${quoteIdent(table)}`);
      rowCount += rows.length;
      for (const row of rows) cols.forEach((c, i) => scanner.check(`${place} column ${c.column}`, row[`c${i}`]));
    }
    return { tables: tables.size, rows: rowCount, schemas: [...new Set([...tables.values()].map((t) => t.schema))] };
  } finally {
    await client.end();
  }
}

/** A full plain-text `pg_dump` of the database; a finding names the COPY block it is in. */
export async function scanPgDump(adminUrl: string, scanner: CanaryScanner): Promise<{ bytes: number }> {
  const dump = await new Promise<string>((resolve, reject) => {
    const child = spawn('pg_dump', ['--no-password', `--dbname=${adminUrl}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => reject(new Error(e.code === 'ENOENT' ? 'pg_dump is not on PATH: the dump cannot be scanned' : `pg_dump failed to start: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`pg_dump exited with ${code}: ${Buffer.concat(err).toString()}`))));
  });
  const place = scanner.place('pg_dump');
  // Sections: the schema part, then one per COPY block, so a finding says which table's data it is in.
  const sections = dump.split(/^(?=COPY )/m);
  for (const section of sections) {
    const head = /^COPY ([^ ]+)/.exec(section);
    scanner.check(head ? `${place} (COPY ${head[1]})` : `${place} (schema and other statements)`, section);
  }
  if (!/^COPY public\.persons /m.test(dump)) throw new Error('the dump holds no COPY of public.persons: it is not a full dump of the test database');
  return { bytes: dump.length };
}

/** Every key under the prefix: its DUMP (any type, serialised) and its value read by type. */
export async function scanRedis(url: string, prefix: string, scanner: CanaryScanner): Promise<{ keys: number }> {
  const redis = new Redis(url);
  try {
    const keys = new Set<string>();
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      for (const k of batch) keys.add(k);
    } while (cursor !== '0');
    for (const key of keys) {
      const dump = await redis.dumpBuffer(key);
      scanner.check(scanner.place(`redis DUMP ${key}`), dump?.toString('latin1'));
      // DUMP may compress a long string (LZF): read the value as well, by its type.
      const type = await redis.type(key);
      let value: string | undefined;
      if (type === 'string') value = (await redis.get(key)) ?? undefined;
      else if (type === 'hash') value = JSON.stringify(await redis.hgetall(key));
      else if (type === 'list') value = (await redis.lrange(key, 0, -1)).join('\n');
      else if (type === 'set') value = (await redis.smembers(key)).join('\n');
      else if (type === 'zset') value = (await redis.zrange(key, 0, -1, 'WITHSCORES')).join('\n');
      else if (type === 'stream') value = JSON.stringify(await redis.xrange(key, '-', '+'));
      scanner.check(scanner.place(`redis ${type} value ${key}`), value);
    }
    return { keys: keys.size };
  } finally {
    await redis.quit();
  }
}
