import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../../src/main/core/logging/redact.ts';

describe('Redactor', () => {
  it('removes every known secret value and its URL-encoded and base64 forms', () => {
    const r = new Redactor();
    r.add('s3cret/Pass+word');
    const b64 = Buffer.from('s3cret/Pass+word').toString('base64');
    const out = r.text(`login with s3cret/Pass+word, encoded s3cret%2FPass%2Bword, b64 ${b64}`);
    expect(out).not.toContain('s3cret');
    expect(out).not.toContain(b64);
    expect(out.split(REDACTED)).toHaveLength(4);
  });

  it('ignores values too short to be secrets', () => {
    const r = new Redactor();
    r.add('ab');
    expect(r.text('abc ab')).toBe('abc ab');
  });

  it('redacts credential shapes it was never told about', () => {
    const r = new Redactor();
    const md5 = createHash('md5').update('hunter22').digest('hex');
    const samples: [string, string][] = [
      [`{"password":"hunter22","name":"x"}`, 'hunter22'],
      [`{\\"masterSecret\\":\\"hunter22\\"}`, 'hunter22'],
      [`GET /sms?account=demo&pwd=hunter22&mobile=1`, 'hunter22'],
      [`Authorization: Basic ${Buffer.from('app:hunter22').toString('base64')}`, Buffer.from('app:hunter22').toString('base64')],
      [`Bearer eyJhbGciOiJIUzI1NiJ9.abc`, 'eyJhbGciOiJIUzI1NiJ9'],
      [`http://admin:hunter22@10.0.0.5/api`, 'hunter22'],
      [`sign=${md5}`, md5],
      [`digest ${md5.toUpperCase()} sent`, md5.toUpperCase()],
      [`token: abc.def-123`, 'abc.def-123'],
    ];
    for (const [text, secret] of samples) expect(r.text(text), text).not.toContain(secret);
    // Ordinary text is left alone.
    expect(r.text('Campaign 12 finished: 250 delivered, id 3f2b9c1e-0d4a-4b8e-9a55-1e2f3a4b5c6d')).toBe('Campaign 12 finished: 250 delivered, id 3f2b9c1e-0d4a-4b8e-9a55-1e2f3a4b5c6d');
  });
});
