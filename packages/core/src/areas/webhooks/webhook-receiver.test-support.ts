import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from './signature';

export interface ReceivedRequest {
  deliveryId: string;
  headers: IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
  /** What the receiver answered. */
  status: number;
}

/** How the receiver answers the `attempt`-th request (1-based) carrying one delivery id. */
export type Behaviour = (attempt: number, deliveryId: string) => number;

export interface WebhookReceiver {
  url: string;
  /** The subscription's secret, known once the webhook is created. */
  secret: string;
  behaviour: Behaviour;
  /** Every request, in arrival order. */
  requests: ReceivedRequest[];
  /** What an idempotent receiver processed: each delivery id once, with its parsed body. */
  processed: Map<string, Record<string, unknown>>;
  /** Requests answered with 2xx for an id already processed (deduplicated, not processed again). */
  duplicates: string[];
  attemptsOf(deliveryId: string): number;
  close(): Promise<void>;
}

/** Refuses timestamps further than this from its own clock: replays of old deliveries. */
const TOLERANCE_S = 300;

/**
 * A receiver as docs/webhooks.md tells partners to write one: it checks the signature and the
 * timestamp over the raw body, answers as `behaviour` says, and processes each delivery id once.
 */
export async function startWebhookReceiver(behaviour: Behaviour): Promise<WebhookReceiver> {
  const attempts = new Map<string, number>();
  const receiver = {
    secret: '',
    behaviour,
    requests: [] as ReceivedRequest[],
    processed: new Map<string, Record<string, unknown>>(),
    duplicates: [] as string[],
    attemptsOf: (id: string) => attempts.get(id) ?? 0,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const deliveryId = String(req.headers['ketenhuis-delivery'] ?? '');
      const timestamp = String(req.headers['ketenhuis-timestamp'] ?? '');
      const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= TOLERANCE_S;
      const signatureValid = fresh && verifyWebhookSignature(receiver.secret, timestamp, body, String(req.headers['ketenhuis-signature'] ?? ''));
      const attempt = (attempts.get(deliveryId) ?? 0) + 1;
      attempts.set(deliveryId, attempt);
      const status = signatureValid ? receiver.behaviour(attempt, deliveryId) : 401;
      receiver.requests.push({ deliveryId, headers: req.headers, body, signatureValid, status });
      if (status >= 200 && status < 300) {
        if (receiver.processed.has(deliveryId)) receiver.duplicates.push(deliveryId);
        else receiver.processed.set(deliveryId, JSON.parse(body) as Record<string, unknown>);
      }
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'receiver says no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/ketenhuis`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  });
}
