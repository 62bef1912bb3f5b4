import { describe, expect, it } from 'vitest';
import { redactRequest, redactUrl } from './log-redaction';

describe('request log redaction', () => {
  it('hides the private candidature link in every route that carries it', () => {
    const token = 'q3Xh7vC_9d2kLmN0pQrStUvWxYz1234567890abcdE';
    for (const url of [
      `/api/public/candidatures/${token}`,
      `/api/public/candidatures/${token}/intention`,
      `/api/public/candidatures/${token}/engagement?x=1`,
    ]) {
      expect(redactUrl(url)).not.toContain(token);
      expect(redactUrl(url)).toMatch(/^\/api\/public\/candidatures\/\[redacted\]/);
    }
    expect(redactRequest({ url: `/api/public/candidatures/${token}`, params: { editToken: token } })).toEqual({
      url: '/api/public/candidatures/[redacted]',
      params: { editToken: '[redacted]' },
    });
  });

  it('leaves other URLs alone', () => {
    expect(redactUrl('/api/public/calls/5d0b1c2e-1f3a-4c5d-8e9f-0a1b2c3d4e5f/candidatures')).toBe(
      '/api/public/calls/5d0b1c2e-1f3a-4c5d-8e9f-0a1b2c3d4e5f/candidatures',
    );
  });
});
