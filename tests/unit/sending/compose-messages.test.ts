/**
 * What each recipient's message says: the built-in {phone} filled for every recipient (list member or
 * pasted), list variables, defaults, and the JSMS sample read through the template's text.
 */
import { describe, expect, it } from 'vitest';
import { composeMessages } from '../../../src/main/core/campaigns/compose-messages.ts';
import { localNumber } from '../../../src/main/core/contacts/phone/provider-format.ts';
import type { Recipient } from '../../../src/main/core/campaigns/recipients.ts';

const recipients: Recipient[] = [
  { e164: '+8613912340001', address: '8613912340001', vars: { name: '赵一' } },
  { e164: '+8613912340002', address: '8613912340002', vars: {} },
  { e164: '+447700900123', address: '447700900123', vars: { name: 'Ann', Phone: 'column value' } },
];

describe('composeMessages', () => {
  it('fills {phone} for every recipient, list member or pasted, in the default region\'s writing', () => {
    const c = composeMessages({ mode: 'text', body: 'Your number is {phone}. Hi {name|客户}' }, recipients, { region: 'CN' });
    expect(c.messages.map((m) => m.text)).toEqual([
      'Your number is 13912340001. Hi 赵一',
      'Your number is 13912340002. Hi 客户',
      'Your number is +447700900123. Hi Ann',
    ]);
    expect(c.missingVariables).toEqual([]);
    expect(c.defaultedVariables).toEqual([{ name: 'name', recipients: 1, fallback: '客户' }]);
    expect(c.sample.map((s) => s.text)).toEqual(c.messages.map((m) => m.text));
  });

  it('writes {phone} nationally for the home region, with its trunk prefix', () => {
    expect(localNumber('+447700900123', 'GB')).toBe('07700900123');
    expect(localNumber('+8613912340001', 'GB')).toBe('+8613912340001');
    expect(localNumber('+8613912340001', 'CN')).toBe('13912340001');
    expect(localNumber('+861065521234', 'CN')).toBe('01065521234');
  });

  it('counts a variable without a default as missing for each recipient who lacks it', () => {
    const c = composeMessages({ mode: 'text', body: '{name}, {PHONE}' }, recipients, { region: 'CN' });
    expect(c.missingVariables).toEqual([{ name: 'name', recipients: 1 }]);
    expect(c.messages[1]!.text).toBe(', 13912340002');
  });

  it('fills template parameters per recipient and reads the sample through the template text', () => {
    const content = { mode: 'template' as const, tempId: 2, params: { name: '{name|客户}', order: 'A-{phone}' } };
    const c = composeMessages(content, recipients.slice(0, 2), { region: 'CN', templateText: 'Hello {{name}}, your order {{ order }} has shipped.' });
    expect(c.messages.map((m) => m.params)).toEqual([
      { name: '赵一', order: 'A-13912340001' },
      { name: '客户', order: 'A-13912340002' },
    ]);
    expect(c.sample.map((s) => s.text)).toEqual(['Hello 赵一, your order A-13912340001 has shipped.', 'Hello 客户, your order A-13912340002 has shipped.']);
    expect(c.sample.every((s) => s.fromTemplate === true)).toBe(true);
    expect(c.defaultedVariables).toEqual([{ name: 'name', recipients: 1, fallback: '客户' }]);
    const unknownText = composeMessages(content, recipients.slice(0, 1), { region: 'CN' });
    expect(unknownText.sample[0]!.text).toBe('#2 {"name":"赵一","order":"A-13912340001"}');
  });
});
