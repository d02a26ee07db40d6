/**
 * Turning fuzzed values into bytes on the wire, including what JavaScript's own encoders refuse
 * or silently repair: JSON number literals no double can hold (2^53+1, a 10,000-digit integer),
 * lone UTF-16 surrogates in URLs (encodeURIComponent throws on them), and bracketed or repeated
 * keys in forms and query strings.
 */

/** A JSON literal written into the body exactly as given (JSON.stringify would round or reject it). */
export class RawJson {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text.length > 40 ? `${this.text.slice(0, 20)}…(${this.text.length} chars)` : this.text;
  }
}

/** JSON.stringify, with RawJson values written verbatim. */
export function jsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0001raw${raws.length - 1}\u0001`;
    }
    return v;
  });
  // JSON.stringify escapes U+0001 as \u0001, which no fuzzed string of ours produces on its own.
  return (text ?? '').replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]);
}

/**
 * Percent-encodes every UTF-16 code unit sequence; a lone surrogate becomes its WTF-8 bytes
 * (%ED%A0%80 for U+D800), which is what a sloppy client would send.
 */
export function percentEncode(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i += 1;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(value[i]);
    }
  }
  return out;
}

/**
 * `application/x-www-form-urlencoded` (and query) pairs for a value: arrays repeat the key,
 * objects use `key[sub]`, as the qs parsers read them back; null sends the key with no `=`.
 */
export function formPairs(key: string, value: unknown): string[] {
  if (value === null) return [percentEncode(key)];
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => formPairs(key, v));
  if (value instanceof RawJson) return [`${percentEncode(key)}=${percentEncode(value.text)}`];
  if (typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => formPairs(`${key}[${k}]`, v));
  return [`${percentEncode(key)}=${percentEncode(String(value))}`];
}

export function formText(body: unknown): string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return percentEncode(String(body));
  return Object.entries(body).flatMap(([k, v]) => formPairs(k, v)).join('&');
}

/** A short, printable picture of a value for failure messages (control characters made visible). */
export function describeValue(value: unknown, max = 60): string {
  const text = value instanceof RawJson ? value.toString() : typeof value === 'string' ? JSON.stringify(value) : jsonText(value);
  const shown = text ?? String(value);
  return shown.length > max ? `${shown.slice(0, max)}…(${shown.length} chars)` : shown;
}
