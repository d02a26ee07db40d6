import { RawJson } from './wire-encoding';

/**
 * The fixed catalogue of values that have broken HTTP APIs before: characters PostgreSQL's text
 * type refuses (NUL) or UTF-8 cannot carry (lone surrogates), numbers past what a double, a
 * bigint or an int4 column holds, sizes at and past the limits, and ids that look almost right.
 * `heavy` values (1 MB) are only sent for a sample of operations, to keep the suite fast.
 */
export interface Hostile<T> {
  label: string;
  value: T;
  heavy?: boolean;
  /** Named by the issue the suite was written for: scheduled before the rest of the catalogue. */
  first?: boolean;
}

export const ONE_MB = 1_000_000;
/** The platform's default body limit ('1mb' to body-parser is 1024 × 1024 bytes). */
export const BODY_LIMIT = 1024 * 1024;
export const TEN_THOUSAND_DIGITS = `1${'0'.repeat(9_999)}`;

/** Strings for any string field, in bodies, queries, paths and forms. */
export const hostileStrings: Hostile<string>[] = [
  { label: 'NUL character inside', value: 'fuzz\u0000nul', first: true },
  { label: 'only a NUL character', value: '\u0000' },
  { label: 'unpaired high surrogate', value: 'fuzz\uD800', first: true },
  { label: 'unpaired low surrogate', value: '\uDC00fuzz' },
  { label: 'C0/C1 control characters', value: 'a\u0001\u0008\u001b[2J\u007f\u0085b', first: true },
  { label: 'bidi override, zero-width and BOM', value: '\u202Efuzz\u200B\uFEFF' },
  { label: 'empty string', value: '' },
  { label: 'whitespace only', value: ' \t\r\n ' },
  { label: 'astral and combining characters', value: '𝕱𝖚𝖟𝖟 👮‍♀️ e\u0301' },
  { label: 'SQL, LIKE and JSON metacharacters', value: `'"\\%_;--{}$1*` },
  { label: '10,000-character string', value: 'x'.repeat(10_000) },
  { label: '1 MB string', value: 'x'.repeat(ONE_MB), heavy: true },
  // Strings that parse as something else, past what the parsed value can hold.
  { label: 'an ISO duration of a billion years', value: 'P999999999Y' },
  { label: 'an ISO duration past a double\'s precision', value: 'PT99999999999999999999999S' },
  { label: 'a date-time past JavaScript\'s range', value: '+999999-01-01T00:00:00Z' },
];

/** Numbers for integer and number fields of JSON bodies. */
export const hostileNumbers: Hostile<unknown>[] = [
  { label: '1e308', value: 1e308, first: true },
  { label: '-1', value: -1, first: true },
  { label: '0', value: 0 },
  { label: '2^53+1 (as a literal)', value: new RawJson('9007199254740993'), first: true },
  { label: '-(2^53+1) (as a literal)', value: new RawJson('-9007199254740993') },
  { label: '2^31 (past int4)', value: 2_147_483_648 },
  { label: '1.5 (a fraction)', value: 1.5 },
  { label: '1e400 (past a double)', value: new RawJson('1e400') },
  { label: '5e-324 (denormal)', value: 5e-324 },
  { label: '10,000-digit integer literal', value: new RawJson(TEN_THOUSAND_DIGITS), first: true },
  { label: 'integer as a string', value: '7' },
];

/** Query-string text (already percent-encoded as sent) for integer parameters. */
export const hostileIntegerTexts: Hostile<string>[] = [
  { label: '10,000-digit integer', value: TEN_THOUSAND_DIGITS, first: true },
  { label: '1e308', value: '1e308', first: true },
  { label: '-1', value: '-1', first: true },
  { label: '2^53+1', value: '9007199254740993', first: true },
  { label: '2^31 (past int4)', value: '2147483648' },
  { label: '0', value: '0' },
  { label: 'a fraction', value: '1.5' },
  { label: 'Infinity', value: 'Infinity' },
  { label: 'NaN', value: 'NaN' },
  { label: 'hexadecimal', value: '0x10' },
  { label: 'leading zeros', value: '0000000000000000000000000000001' },
  { label: 'empty', value: '' },
  { label: 'raw + (a space once decoded)', value: '+5', first: true },
  { label: 'percent-encoded +', value: '%2B5', first: true },
  { label: 'NUL after digits', value: '5%00', first: true },
  { label: 'not a number', value: 'abc' },
];

/** Query-string text (already percent-encoded) for string parameters. */
export const hostileQueryTexts: Hostile<string>[] = [
  { label: 'percent-encoded NUL', value: 'fuzz%00nul', first: true },
  { label: 'unpaired surrogate (WTF-8 bytes)', value: 'fuzz%ED%A0%80', first: true },
  { label: 'invalid UTF-8 byte', value: 'fuzz%FF' },
  { label: 'overlong UTF-8 encoding of "."', value: '%C0%AE%C0%AE' },
  { label: 'malformed percent-encoding', value: 'fuzz%E0%A4%A', first: true },
  { label: 'lone percent sign', value: '%' },
  { label: 'raw + (a space once decoded)', value: 'a+b', first: true },
  { label: 'percent-encoded +', value: 'a%2Bb', first: true },
  { label: 'encoded CR LF', value: 'a%0D%0Ab' },
  { label: 'encoded control characters', value: '%01%08%1B%7F' },
  { label: 'LIKE wildcards and quotes', value: '%25%5F%27%22%5C' },
  { label: 'empty', value: '' },
  { label: '10,000 characters', value: 'x'.repeat(10_000) },
  // Past Node's 16 KB header limit: the HTTP server itself answers.
  { label: '1 MB query value', value: 'x'.repeat(ONE_MB), heavy: true },
];

export const hostileDates: Hostile<string>[] = [
  { label: '30 February', value: '2026-02-30', first: true },
  { label: 'month 13', value: '2026-13-01' },
  { label: 'year 0000', value: '0000-01-01' },
  { label: 'past JavaScript dates (year 275760)', value: '275760-09-14' },
  { label: 'unpadded', value: '2026-1-1' },
  { label: 'date-time instead of date', value: '2026-01-01T00:00:00Z' },
  // Valid dates at the ends of the calendar: they pass every format check and reach the handler.
  { label: 'year 0001', value: '0001-01-01' },
  { label: 'year 9999', value: '9999-12-31' },
];

export const hostileDateTimes: Hostile<string>[] = [
  { label: 'leap second on a day without one', value: '2026-06-30T23:59:60Z', first: true },
  { label: '30 February', value: '2026-02-30T10:00:00Z' },
  { label: 'past JavaScript dates', value: '+275760-09-13T00:00:00.001Z' },
  { label: 'year 0000', value: '0000-01-01T00:00:00Z' },
  { label: 'no time zone', value: '2026-01-01T10:00:00' },
  { label: 'offset +25:00', value: '2026-01-01T10:00:00+25:00' },
  { label: 'nanoseconds', value: '2026-01-01T10:00:00.123456789Z' },
  { label: 'year 0001', value: '0001-01-01T00:00:00Z' },
  { label: 'year 9999', value: '9999-12-31T23:59:59.999Z' },
];

/**
 * Cursors as the API's look (base64url of a JSON pair of sort key and id), forged: they pass
 * the shape check on the outside, and carry what the request checks never see on the inside.
 */
export function forgedCursors(id: string): Hostile<string>[] {
  const cursor = (key: unknown, at = id) => Buffer.from(JSON.stringify([key, at])).toString('base64url');
  return [
    { label: 'forged cursor with a NUL inside', value: cursor('fuzz\u0000'), first: true },
    { label: 'forged cursor with an unpaired surrogate inside', value: cursor('fuzz\uD800') },
    { label: 'forged cursor with an impossible timestamp', value: cursor('2026-02-30 10:00:00+00') },
    { label: 'forged cursor with a timestamp at offset +15', value: cursor('2026-01-01 10:00:00.123456+15') },
    { label: 'forged cursor with a 400-character key', value: cursor('k'.repeat(400)) },
    { label: 'forged cursor with a number for a key', value: cursor(1e308) },
    { label: 'forged cursor with an upper-case id', value: cursor('2026-01-01 10:00:00+00', id.toUpperCase()) },
    { label: 'forged cursor of three parts', value: Buffer.from(JSON.stringify(['a', id, 'b'])).toString('base64url') },
  ];
}

export const hostileUris: Hostile<string>[] = [
  { label: 'javascript: URI', value: 'javascript:alert(1)' },
  { label: 'unclosed IPv6 host', value: 'http://[::1' },
  { label: 'credentials and NUL in URI', value: 'http://user:pw@127.0.0.1:9/\u0000' },
  { label: 'file: URI', value: 'file:///etc/passwd' },
  { label: 'port past 65535', value: 'http://127.0.0.1:99999/x' },
];

/**
 * Ids for uuid path parameters, headers and body fields, from a valid one: each is refused by a
 * strict uuid check, or accepted by PostgreSQL's more lenient one.
 */
export function hostileIds(valid: string): Hostile<string>[] {
  return [
    { label: 'upper-case UUID', value: valid.toUpperCase(), first: true },
    { label: 'not-a-uuid', value: 'not-a-uuid', first: true },
    { label: 'huge (300 UUIDs)', value: valid.repeat(300), first: true },
    { label: 'empty-ish (a space)', value: ' ', first: true },
    { label: 'NUL after the UUID', value: `${valid}\u0000`, first: true },
    { label: 'only a NUL', value: '\u0000' },
    { label: 'UUID without hyphens', value: valid.replace(/-/g, '') },
    { label: 'UUID in braces', value: `{${valid}}` },
    { label: 'urn:uuid: prefix', value: `urn:uuid:${valid}` },
    { label: 'the nil UUID', value: '00000000-0000-0000-0000-000000000000' },
    { label: 'the max UUID', value: 'ffffffff-ffff-ffff-ffff-ffffffffffff' },
    { label: 'UUID with trailing newline', value: `${valid}\n` },
    { label: 'unpaired surrogate', value: `${valid.slice(0, 35)}\uD800` },
    { label: 'dot-dot', value: '..' },
  ];
}

/** Wrong content types for a JSON body (the body itself stays the valid one). */
export const wrongContentTypes: Hostile<string | undefined>[] = [
  { label: 'no Content-Type', value: undefined, first: true },
  { label: 'text/plain', value: 'text/plain', first: true },
  { label: 'application/xml', value: 'application/xml' },
  { label: 'form-urlencoded', value: 'application/x-www-form-urlencoded' },
  { label: 'multipart without parts', value: 'multipart/form-data; boundary=fuzz' },
  { label: 'JSON in UTF-16', value: 'application/json; charset=utf-16' },
  { label: 'JSON in an unknown charset', value: 'application/json; charset=fuzz-8' },
  { label: 'merge-patch JSON', value: 'application/merge-patch+json' },
  { label: 'malformed media type', value: 'application/json;;;=' },
];

/** Bodies that are not JSON, or not the JSON the operation takes (sent as application/json). */
export const invalidJsonBodies: Hostile<string>[] = [
  { label: 'truncated object', value: '{', first: true },
  { label: 'truncated after a key', value: '{"a":' },
  { label: 'trailing comma', value: '{"a":1,}' },
  { label: 'single quotes', value: "{'a':1}" },
  { label: 'a bare NUL', value: '\u0000', first: true },
  { label: 'NaN literal', value: 'NaN' },
  { label: 'two documents', value: '{"a":1}{"b":2}' },
  { label: 'byte-order mark first', value: '\uFEFF{}' },
  { label: 'empty body', value: '', first: true },
  { label: 'whitespace only', value: ' \n ' },
  { label: 'deeply nested arrays (10,000 levels)', value: `${'['.repeat(10_000)}${']'.repeat(10_000)}` },
];
