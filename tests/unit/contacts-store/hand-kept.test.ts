/**
 * Contacts kept by hand (issue 17.8): one number added to a list (also a new empty one), edited,
 * tagged and removed; tags are searchable and survive an import that refreshes the contact; what a
 * campaign then sends uses the variables typed in.
 */
import { expect, it } from 'vitest';
import type { CampaignPreview } from '../../../src/shared/campaigns.ts';
import type { ContactPage, ContactRow, ListView } from '../../../src/shared/contact-lists.ts';
import { b64, setup } from './support.ts';

it('adds one contact to a new empty list, with variables and tags, and a campaign uses them', async () => {
  const { call, fail } = setup();
  const list = await call<ListView>('listsCreate', { name: 'Hand kept' });
  const added = await call<ContactRow>('contactsAdd', { listId: list.id, number: '139 1234 0001', vars: { name: '赵一' }, tags: ['VIP', ' 北京 ', 'vip'] });
  expect(added).toMatchObject({ e164: '+8613912340001', original: '139 1234 0001', vars: { name: '赵一' }, tags: ['VIP', '北京'] });
  expect((await call<ContactPage>('contactsSearch', { listId: list.id })).rows).toMatchObject([{ e164: '+8613912340001', tags: ['VIP', '北京'] }]);
  expect((await call<ListView[]>('listsList')).find((l) => l.id === list.id)?.size).toBe(1);

  // Twice in one list, a bad number, a reserved variable name: each refused with why.
  expect(await fail('contactsAdd', { listId: list.id, number: '13912340001' })).toMatchObject({ code: 'CONTACTS_ALREADY_IN_LIST' });
  expect(await fail('contactsAdd', { listId: list.id, number: '12345' })).toMatchObject({ code: 'CONTACTS_NUMBER_INVALID', fields: { number: expect.any(String) } });
  expect(await fail('contactsAdd', { listId: list.id, number: '13912340009', vars: { Phone: 'x' } })).toMatchObject({ code: 'CONTACTS_VARIABLE_RESERVED' });
  expect(await fail('contactsAdd', { listId: list.id, number: '13912340009', tags: ['x'.repeat(33)] })).toMatchObject({ code: 'INVALID_INPUT' });

  const preview = await call<CampaignPreview>('campaignPreview', {
    name: 'x',
    accountId: (await call<{ id: string }>('accountsCreate', { config: { kind: 'gsmbox', name: 'Box', baseUrl: 'http://127.0.0.1:9', username: 'a' }, secrets: { password: 'p' } })).id,
    content: { mode: 'text', body: '{name}: {phone}' },
    recipients: { listIds: [list.id] },
  });
  expect(preview.sample.map((s) => s.text)).toEqual(['赵一: 13912340001']);
});

it('edits variables and tags, finds contacts by tag, keeps tags through a re-import, removes one from a list', async () => {
  const { call } = setup();
  const { importId } = await call<{ importId: string }>('importOpen', { fileName: 'a.csv', base64: b64('phone,name\n13800000001,Ann\n13800000002,Bob\n') });
  await call('importAnalyse', { importId, options: {} });
  const { listId } = await call<{ listId: string }>('importCommit', { importId, target: { newListName: 'Imported' } });
  const [ann] = (await call<ContactPage>('contactsSearch', { listId, query: 'Ann' })).rows;

  const edited = await call<ContactRow>('contactsUpdate', { id: ann!.id, listId, vars: { name: 'Anne' }, tags: ['Gold', 'Shanghai'] });
  expect(edited).toMatchObject({ vars: { name: 'Anne' }, tags: ['Gold', 'Shanghai'] });
  expect((await call<ContactPage>('contactsSearch', { query: 'gold' })).rows.map((r) => r.e164)).toEqual(['+8613800000001']);
  // An edit without tags keeps them.
  expect(await call<ContactRow>('contactsUpdate', { id: ann!.id, listId, vars: { name: 'Anna' } })).toMatchObject({ tags: ['Gold', 'Shanghai'] });

  // A re-import refreshes the variables; the tags stay, and stay searchable.
  const again = await call<{ importId: string }>('importOpen', { fileName: 'b.csv', base64: b64('phone,name\n13800000001,Ann Again\n') });
  await call('importAnalyse', { importId: again.importId, options: {} });
  await call('importCommit', { importId: again.importId, target: { listId } });
  const found = (await call<ContactPage>('contactsSearch', { query: 'shanghai' })).rows;
  expect(found).toMatchObject([{ e164: '+8613800000001', tags: ['Gold', 'Shanghai'] }]);
  expect((await call<ContactPage>('contactsSearch', { listId, query: 'again' })).rows).toHaveLength(1);

  // Added by hand to a second list: the variables are that list's, the tags are the contact's.
  const other = await call<ListView>('listsCreate', { name: 'Other' });
  const inOther = await call<ContactRow>('contactsAdd', { listId: other.id, number: '+86 138 0000 0001', vars: { name: 'A.' }, tags: ['new'] });
  expect(inOther).toMatchObject({ id: ann!.id, vars: { name: 'A.' }, tags: ['Gold', 'Shanghai', 'new'] });

  expect(await call<{ removed: number }>('contactsRemoveFromList', { listId, contactIds: [ann!.id] })).toEqual({ removed: 1 });
  expect((await call<ContactPage>('contactsSearch', { listId })).rows.map((r) => r.e164)).toEqual(['+8613800000002']);
  expect((await call<ContactPage>('contactsSearch', { listId: other.id })).rows.map((r) => r.e164)).toEqual(['+8613800000001']);
});
