import { hostileIds, wrongContentTypes } from './hostile-values';
import { mutate, type FuzzContext, type Mutation, type RequestPlan } from './request-plan';

/** fetch refuses header values with control characters or code points above U+00FF. */
const sendable = (value: string) => /^[\x20-\x7e\x80-\xff]*$/.test(value) && value.length < 12_000;

const IF_MATCH: [string, string][] = [
  ['*', '*'], ['a strong tag', '"1"'], ['version 0', 'W/"0"'], ['version -1', 'W/"-1"'], ['version 1e308', 'W/"1e308"'],
  ['version past int8', 'W/"99999999999999999999999999"'], ['not a number', 'W/"abc"'], ['two tags', 'W/"1", W/"2"'],
  ['unquoted', 'W/1'], ['201 characters', `W/"${'9'.repeat(197)}"`], ['empty', ''],
];

const IDEMPOTENCY_KEY: [string, string][] = [
  ['with a space', 'fuzz key'], ['201 characters', 'k'.repeat(201)], ['a Latin-1 byte', 'fuzz-\xe9'],
  ['path traversal', '../../etc/passwd'], ['a valid key', 'fuzz-idempotency-key-1'], ['empty', ''],
];

/**
 * Header parameters the document declares (X-Acting-Organisation, Idempotency-Key, If-Match) and,
 * for operations with a body, the Content-Type and Content-Encoding the body comes with.
 */
export function headerMutations(ctx: FuzzContext): Mutation[] {
  const out: Mutation[] = [];
  const { op } = ctx.base;
  const setHeader = (name: string, value: string) => (plan: RequestPlan) => { plan.headers[name] = value; };
  for (const param of op.parameters.filter((p) => p.in === 'header')) {
    const name = param.name;
    const lower = name.toLowerCase();
    const candidates: [string, string, boolean?][] = lower === 'if-match' ? IF_MATCH
      : lower === 'idempotency-key' ? IDEMPOTENCY_KEY
      : param.schema.format === 'uuid'
        ? [
          ['the other district\'s organisation', ctx.organisations.foreign, true],
          ...hostileIds(ctx.organisations.own).map((h): [string, string, boolean?] => [h.label, h.value, h.first]),
        ]
        : [['10,000 characters', 'x'.repeat(10_000)], ['empty', '']];
    for (const [label, value, first] of candidates) {
      if (sendable(value)) out.push(mutate(ctx, 'header', `${name}: ${label}`, setHeader(name, value), { first }));
    }
  }
  // Headers every route reads, whether or not its operation declares them.
  if (!op.public && !op.parameters.some((p) => p.name.toLowerCase() === 'x-acting-organisation')) {
    out.push(mutate(ctx, 'header', 'X-Acting-Organisation (read by every route): the other district\'s organisation', setHeader('X-Acting-Organisation', ctx.organisations.foreign)));
    out.push(mutate(ctx, 'header', 'X-Acting-Organisation (read by every route): upper-case UUID', setHeader('X-Acting-Organisation', ctx.organisations.own.toUpperCase())));
  }
  out.push(mutate(ctx, 'header', 'X-Request-Id: 8,000 characters', setHeader('X-Request-Id', 'r'.repeat(8_000))));
  out.push(mutate(ctx, 'header', 'X-Request-Id: Latin-1 bytes and quotes', setHeader('X-Request-Id', 'fuzz-\xe9\xff"\'<>')));
  if (op.method === 'GET') {
    out.push(mutate(ctx, 'header', 'Accept: only XML', setHeader('Accept', 'application/xml')));
    out.push(mutate(ctx, 'header', 'Accept: a malformed quality', setHeader('Accept', 'text/csv;q=fuzz, */*;q=-1')));
  }
  if (op.body) {
    for (const h of wrongContentTypes) {
      out.push(mutate(ctx, 'content-type', `Content-Type: ${h.label}`, (p) => { p.contentType = h.value; }, { first: h.first }));
    }
    out.push(mutate(ctx, 'content-type', 'Content-Encoding gzip on a plain body', setHeader('content-encoding', 'gzip'), { first: true }));
    out.push(mutate(ctx, 'content-type', 'Content-Encoding of an unknown scheme', setHeader('content-encoding', 'fuzz')));
    // The operation's own media type with a body in the other encoding.
    const other = op.body.contentType.includes('json') ? 'grant_type=client_credentials' : '{"grant_type":"client_credentials"}';
    out.push(mutate(ctx, 'content-type', 'a body that does not match its Content-Type', (p) => { p.body = { kind: 'raw', text: other }; }));
  } else if (op.method !== 'GET' && op.method !== 'DELETE') {
    // Operations without a body still get one: it must be ignored or refused, never crash them.
    out.push(mutate(ctx, 'content-type', 'an unexpected JSON body', (p) => { p.body = { kind: 'raw', text: '{"fuzz":1}' }; p.contentType = 'application/json'; }, { first: true }));
    out.push(mutate(ctx, 'content-type', 'an unexpected invalid JSON body', (p) => { p.body = { kind: 'raw', text: '{"fuzz":' }; p.contentType = 'application/json'; }));
  }
  return out;
}
