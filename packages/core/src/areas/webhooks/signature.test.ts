import { createHmac } from 'node:crypto';
import { newWebhookSecret, verifyWebhookSignature, webhookSignature } from './signature';

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const body = '{"id":"d","type":"core.case-registered"}';

  it('is HMAC-SHA256 over "<timestamp>.<body>", as docs/webhooks.md tells receivers', () => {
    const expected = createHmac('sha256', secret).update(`1767000000.${body}`).digest('hex');
    expect(webhookSignature(secret, 1767000000, body)).toBe(`sha256=${expected}`);
  });

  it('fails for another body, timestamp or secret', () => {
    const sig = webhookSignature(secret, 1767000000, body);
    expect(verifyWebhookSignature(secret, '1767000000', body, sig)).toBe(true);
    expect(verifyWebhookSignature(secret, '1767000001', body, sig)).toBe(false);
    expect(verifyWebhookSignature(secret, '1767000000', `${body} `, sig)).toBe(false);
    expect(verifyWebhookSignature(newWebhookSecret(), '1767000000', body, sig)).toBe(false);
    expect(verifyWebhookSignature(secret, '1767000000', body, 'sha256=00')).toBe(false);
  });

  it('makes a fresh secret every time', () => {
    expect(newWebhookSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(newWebhookSecret());
  });
});
