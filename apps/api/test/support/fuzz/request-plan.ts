import type { ActorName, District } from './district';
import type { Operation } from './openapi-operations';
import { exampleOf } from './schema-examples';
import { formText, jsonText, percentEncode } from './wire-encoding';

/**
 * One request as the fuzzer thinks of it: the operation's parts, each still separate so a
 * mutation can break exactly one. Path and query values are kept as the text that goes on the
 * wire (already percent-encoded), so a mutation can send a raw `+` or a broken `%E0%A4%A`.
 */
export interface RequestPlan {
  op: Operation;
  /** Whose token; undefined for a public operation. */
  actor?: ActorName;
  pathParams: Record<string, string>;
  query: [name: string, value: string | undefined][];
  headers: Record<string, string>;
  /** `json` and `form` bodies are encoded from the value; `raw` goes as it is. */
  body?: { kind: 'json' | 'form'; value: unknown } | { kind: 'raw'; text: string };
  contentType?: string;
}

/** One fuzz request: a plan, and what it breaks (shown in failure messages). */
export interface Mutation {
  plan: RequestPlan;
  description: string;
  /** Where it breaks the request: path, query, header, body, content-type, baseline or random. */
  area: string;
  /** Of the kinds the issue names: scheduled before the rest of the catalogue. */
  first?: boolean;
  /** A megabyte on the wire: sent for a sample of operations only. */
  heavy?: boolean;
  /** Sent this many times at once (a race), each copy counting as a request. */
  burst?: number;
  /** Sent in every run, whatever the budget (races: they find what single requests cannot). */
  always?: boolean;
}

/** The request the wire carries, ready for fetch. */
export interface WireRequest {
  method: string;
  /** Path and query, as sent. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * The valid request of an operation: real ids of the district (`pathValue`), the query it needs
 * (its required parameters, and any other `query` names), and a fitting body: `body` when
 * valid-bodies.ts knows one, else the schema's own example.
 */
export function basePlan(op: Operation, actor: ActorName | undefined, pathValue: (param: string) => string,
  query: Record<string, string>, body: unknown): RequestPlan {
  const plan: RequestPlan = { op, actor, pathParams: {}, query: [], headers: {} };
  for (const p of op.parameters) {
    if (p.in === 'path') plan.pathParams[p.name] = percentEncode(pathValue(p.name));
    else if (p.in === 'query' && (p.required || query[p.name] !== undefined)) {
      plan.query.push([p.name, percentEncode(query[p.name] ?? String(exampleOf(p.schema)))]);
    } else if (p.in === 'header' && p.name.toLowerCase() === 'if-match') {
      // Whichever version the case has now: other requests move it on while the run goes.
      plan.headers[p.name] = '*';
    } else if (p.in === 'header' && p.required) plan.headers[p.name] = String(exampleOf(p.schema));
  }
  if (op.body) {
    const value = body === undefined ? exampleOf(op.body.schema) : body;
    plan.body = { kind: op.body.contentType.includes('form-urlencoded') ? 'form' : 'json', value };
    plan.contentType = op.body.contentType;
  }
  return plan;
}

export function toWire(plan: RequestPlan, district: District): WireRequest {
  const path = plan.op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => plan.pathParams[name] ?? '');
  const query = plan.query.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join('&');
  const headers: Record<string, string> = { ...plan.headers };
  if (plan.actor) headers.authorization = `Bearer ${district.tokens[plan.actor]}`;
  if (plan.contentType !== undefined && plan.body) headers['content-type'] = plan.contentType;
  let body: string | undefined;
  if (plan.body?.kind === 'json') body = jsonText(plan.body.value);
  else if (plan.body?.kind === 'form') body = formText(plan.body.value);
  else if (plan.body?.kind === 'raw') body = plan.body.text;
  return { method: plan.op.method, target: `${path}${query ? `?${query}` : ''}`, headers, body };
}

/** A copy to mutate: mutations never share parts with the base plan or each other. */
export function clonePlan(plan: RequestPlan): RequestPlan {
  return {
    ...plan,
    pathParams: { ...plan.pathParams },
    query: plan.query.map(([k, v]) => [k, v]),
    headers: { ...plan.headers },
    body: plan.body && (plan.body.kind === 'raw' ? { ...plan.body } : { kind: plan.body.kind, value: structuredCloneKeepingRaw(plan.body.value) }),
  };
}

/** structuredClone would turn RawJson instances into plain objects; they are immutable, so share them. */
function structuredCloneKeepingRaw(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structuredCloneKeepingRaw);
  if (value && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneKeepingRaw(v)]));
  }
  return value;
}

/** What the mutation builders of one operation start from. */
export interface FuzzContext {
  /** The operation's valid request in the fuzzed district. */
  base: RequestPlan;
  /** The same operation's path values in the other district (sent with this district's token). */
  foreignPathParams: Record<string, string>;
  /** The other district's id of the same kind as one of this district's, for ids inside bodies. */
  foreignOf(id: string): string | undefined;
  /** An organisation of the fuzzed district and one of the other, for X-Acting-Organisation. */
  organisations: { own: string; foreign: string };
  /** Another valid body, with unique values (names, subjects) no request has used yet: for races. */
  freshBody?: unknown;
}

/** A mutation of the base plan: `change` edits a fresh copy. */
export function mutate(ctx: FuzzContext, area: string, description: string, change: (plan: RequestPlan) => void,
  flags: Pick<Mutation, 'first' | 'heavy' | 'burst' | 'always'> = {}): Mutation {
  const plan = clonePlan(ctx.base);
  change(plan);
  return { plan, area, description, ...flags };
}
