import type { Mutation, WireRequest } from './request-plan';

export interface Outcome {
  mutation: Mutation;
  wire: WireRequest;
  /** 0 when no response came back (the connection failed or timed out). */
  status: number;
  contentType: string | null;
  requestId: string | null;
  text: string;
  /** Why no response came back. */
  error?: string;
  /** After a 5xx: the status of the operation's valid request, sent again right away. */
  control?: number;
}

/** One request, exactly as planned: no redirects followed, a bounded wait. */
async function sendOne(baseUrl: string, mutation: Mutation, wire: WireRequest): Promise<Outcome> {
  try {
    const res = await fetch(`${baseUrl}${wire.target}`, {
      method: wire.method, headers: wire.headers, body: wire.body, redirect: 'manual', signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { mutation, wire, status: res.status, contentType: res.headers.get('content-type'), requestId: res.headers.get('x-request-id'), text };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    return { mutation, wire, status: 0, contentType: null, requestId: null, text: '', error: [e.message, e.cause?.code, e.cause?.message].filter(Boolean).join(': ') };
  }
}

/**
 * Sends requests a few at a time (like a handful of partner systems at once, not a load test),
 * in order, and returns every outcome. After a 5xx the operation's valid request (`control`)
 * goes out once more: when it fails too, what broke is state an earlier request left behind,
 * not the mutation at hand, and the report says so.
 */
export async function sendAll(baseUrl: string, requests: { mutation: Mutation; wire: WireRequest; control?: WireRequest }[],
  concurrency: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next;
      next += 1;
      const { mutation, wire, control } = requests[i];
      outcomes[i] = await sendOne(baseUrl, mutation, wire);
      if (control && outcomes[i].status >= 500) outcomes[i].control = (await sendOne(baseUrl, mutation, control)).status;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  return outcomes;
}
