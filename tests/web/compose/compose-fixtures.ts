/** A fake main with accounts and a list, and the compose/campaigns stores reset, for the compose screen tests. */
import { i18next } from '../../../src/renderer/src/i18n/index.ts';
import { useCampaignsStore } from '../../../src/renderer/src/stores/campaigns.ts';
import { useComposeStore } from '../../../src/renderer/src/stores/compose.ts';
import { useContactsStore } from '../../../src/renderer/src/stores/contacts.ts';
import { useComposeTestStore } from '../../../src/renderer/src/stores/compose-test.ts';
import { useJsmsCatalogStore } from '../../../src/renderer/src/stores/jsms-catalog.ts';
import { fakeTemplate } from '../fake-compose-tools.ts';
import { emptyForm } from '../../../src/renderer/src/screens/compose/compose-model.ts';
import { boxAccount, eimsAccount, jsmsAccount } from '../accounts/fixtures.ts';
import type { FakeMain } from '../fake-bridge.ts';
import { installFakeMain } from '../render.tsx';

export function installComposeMain(language: 'en' | 'zh' = 'en'): FakeMain {
  const fake = installFakeMain({ accounts: [eimsAccount, jsmsAccount, boxAccount] });
  fake.lists = [{ id: 'list-1', name: 'VIP', size: 2, optedOut: 0, createdAt: 1, updatedAt: 1 }];
  fake.listContacts.set('list-1', [
    { id: 1, e164: '+8613800000001', original: '13800000001', vars: { name: 'Ann', city: 'Shanghai' }, optedOut: false, tags: [], addedAt: 1 },
    { id: 2, e164: '+8613800000002', original: '13800000002', vars: { name: 'Bob', city: 'Beijing' }, optedOut: false, tags: [], addedAt: 1 },
  ]);
  fake.templates = [
    fakeTemplate(jsmsAccount.id, 1234, 'Dear {{customer}}, you are now {{level}}.'),
    fakeTemplate(jsmsAccount.id, 1240, 'Pending {{x}}', 'reviewing'),
  ];
  useComposeStore.setState({ form: emptyForm(), fieldErrors: {}, error: null, busy: null, preview: null, previewKey: null, listVariables: {}, draftId: null, savedKey: null });
  useComposeTestStore.getState().reset();
  useJsmsCatalogStore.setState({ byAccount: {} });
  useContactsStore.setState({ lists: [], listsStatus: 'idle', listsError: null });
  useCampaignsStore.setState({ campaigns: [], status: 'idle', error: null });
  void useCampaignsStore.getState().open(null);
  void i18next.changeLanguage(language);
  return fake;
}
