import { ProblemError } from '@ketenhuis/sdk';
import { checkWebhookUrl } from './webhook-url';

const refusal = (url: string, allowLocal: boolean) => {
  try {
    checkWebhookUrl(url, 'body.url', { allowLocal });
  } catch (err) {
    return err instanceof ProblemError ? err.errors?.[0] : err;
  }
  return undefined;
};
const refused = { field: 'body.url', message: expect.any(String) };

describe('checkWebhookUrl', () => {
  describe('with local receivers allowed (tests, local development)', () => {
    it.each(['https://partner.example/hooks', 'https://10.0.0.5:8443/x?y=1', 'http://127.0.0.1:9000/h', 'http://localhost/h', 'http://[::1]:80/h'])('accepts %s', (url) => {
      expect(refusal(url, true)).toBeUndefined();
    });

    it.each(['http://partner.example/hooks', 'http://127.0.0.2/h', 'http://localhost.partner.example/h', 'ftp://partner.example/h',
      'https://user:secret@partner.example/h', 'https://partner.example/h#frag', 'partner.example/h'])('refuses %s naming the field', (url) => {
      expect(refusal(url, true)).toEqual(refused);
    });
  });

  describe('with local receivers refused (production)', () => {
    it.each(['https://partner.example/hooks', 'https://203.0.113.7/h', 'https://[2001:db8::1]/h', 'https://localhost.partner.example/h',
      'https://172.32.0.1/h', 'https://100.128.0.1/h'])('accepts %s', (url) => {
      expect(refusal(url, false)).toBeUndefined();
    });

    it.each([
      'http://127.0.0.1:9000/h', 'http://localhost/h', 'http://[::1]/h', // plain http goes nowhere
      'https://127.0.0.1/h', 'https://localhost/h', 'https://LOCALHOST./h', 'https://hooks.localhost/h', 'https://[::1]/h',
      'https://10.0.0.5:8443/h', 'https://172.16.0.1/h', 'https://172.31.255.255/h', 'https://192.168.1.10/h', 'https://100.64.0.1/h',
      'https://169.254.169.254/latest/meta-data', 'https://[fe80::1]/h', 'https://[fd12:3456::1]/h', 'https://[fc00::1]/h',
      'https://0.0.0.0/h', 'https://[::]/h', 'https://[::ffff:10.0.0.1]/h', 'https://[::ffff:127.0.0.1]/h',
      // Other spellings of 127.0.0.1, which the URL parser writes in dotted form.
      'https://2130706433/h', 'https://0x7f.1/h', 'https://017700000001/h',
    ])('refuses %s naming the field', (url) => {
      expect(refusal(url, false)).toEqual(refused);
    });
  });
});
