import { ProblemError } from '@ketenhuis/sdk';
import { checkWebhookUrl } from './webhook-url';

const refusal = (url: string) => {
  try {
    checkWebhookUrl(url, 'body.url');
  } catch (err) {
    return err instanceof ProblemError ? err.errors?.[0] : err;
  }
  return undefined;
};

describe('checkWebhookUrl', () => {
  it.each(['https://partner.example/hooks', 'https://10.0.0.5:8443/x?y=1', 'http://127.0.0.1:9000/h', 'http://localhost/h', 'http://[::1]:80/h'])('accepts %s', (url) => {
    expect(refusal(url)).toBeUndefined();
  });

  it.each(['http://partner.example/hooks', 'http://127.0.0.2/h', 'http://localhost.partner.example/h', 'ftp://partner.example/h',
    'https://user:secret@partner.example/h', 'https://partner.example/h#frag', 'partner.example/h'])('refuses %s naming the field', (url) => {
    expect(refusal(url)).toEqual({ field: 'body.url', message: expect.any(String) });
  });
});
