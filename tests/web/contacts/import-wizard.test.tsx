import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setBridgeForTests } from '../../../src/renderer/src/api.ts';
import { i18next, initI18n } from '../../../src/renderer/src/i18n/index.ts';
import { ContactsScreen } from '../../../src/renderer/src/screens/contacts/ContactsScreen.tsx';
import { useImportStore } from '../../../src/renderer/src/stores/contacts-import.ts';
import { useContactsStore } from '../../../src/renderer/src/stores/contacts.ts';
import { renderInApp } from '../render.tsx';
import { createFakeContactsMain, type FakeContactsMain } from './fake-contacts-main.ts';

function install(seed?: Parameters<typeof createFakeContactsMain>[0]): FakeContactsMain {
  const fake = createFakeContactsMain(seed);
  setBridgeForTests(fake.bridge);
  void useImportStore.getState().reset();
  useContactsStore.setState({ lists: [], listsStatus: 'idle', listsError: null });
  initI18n('en');
  void i18next.changeLanguage('en');
  return fake;
}

const file = () => new File(['phone\n13800000001\n'], 'people.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

async function openWizardWithFile(fake: FakeContactsMain) {
  renderInApp(<ContactsScreen />);
  fireEvent.click(await screen.findByTestId('lists-import'));
  const input = await screen.findByTestId('import-file');
  fireEvent.change(input, { target: { files: [file()] } });
  await screen.findByTestId('import-format');
  return fake;
}

describe('import wizard', () => {
  let fake: FakeContactsMain;
  beforeEach(() => {
    fake = install();
  });

  it('uploads the file in parts, analyses it, and walks to the preview with counts and rejects', async () => {
    await openWizardWithFile(fake);
    const [open] = fake.callsOf('importOpen') as Array<{ fileName: string; uploadId: string }>;
    expect(open!.fileName).toBe('people.xlsx');
    expect(fake.uploads.get(open!.uploadId)).toBe('phone\n13800000001\n');
    expect(fake.callsOf('importAnalyse')).toEqual([{ importId: 'imp-1', options: { region: 'CN', previewRows: 100 } }]);

    fireEvent.click(screen.getByTestId('import-next')); // → sheet & encoding
    expect(await screen.findByTestId('import-sheet')).toBeTruthy();
    fireEvent.click(screen.getByTestId('import-next')); // → mapping
    const columns = await screen.findByTestId('import-columns');
    expect(columns.textContent).toContain('{Name}');
    expect(columns.textContent).toContain('Phone number');
    // Under each header, its first values: the numbers as in the file, the names as they become variables.
    expect(within(columns).getAllByTestId('import-column-samples').map((s) => s.textContent)).toEqual(['e.g. 13800000001 · 13800000002 · 010-6552 1234', 'e.g. Ann · Bob · Office']);
    fireEvent.click(screen.getByTestId('import-next')); // → preview
    expect((await screen.findByTestId('import-count-valid')).getAttribute('data-count')).toBe('3');
    expect(screen.getByTestId('import-count-optedOut').textContent).toContain('1');
    // The landline is imported and flagged; the duplicate row names the row it repeats.
    expect(screen.getByTestId('import-count-nonMobile').getAttribute('data-count')).toBe('1');
    expect(screen.getByTestId('import-non-mobile').textContent).toBe('Landline');
    const dup = screen.getByTestId('import-duplicate-row');
    expect([dup.getAttribute('data-row'), dup.getAttribute('data-duplicate-of')]).toEqual(['6', '2']);
    expect(dup.textContent).toContain('Same number as row 2');
    const rejects = screen.getAllByTestId('import-reject-row');
    expect(rejects.map((r) => r.textContent)).toEqual([expect.stringContaining('Too few digits'), expect.stringContaining('letters or symbols')]);
    expect(screen.getAllByTestId('import-preview-row')[0]!.textContent).toContain('+1 duplicate row');
  });

  it('imports into a new list named after the file and shows the summary', async () => {
    await openWizardWithFile(fake);
    for (let i = 0; i < 4; i++) fireEvent.click(screen.getByTestId('import-next'));
    const name = (await screen.findByTestId('import-list-name')) as HTMLInputElement;
    expect(name.value).toBe('people');
    fireEvent.change(name, { target: { value: 'Spring promo' } });
    fireEvent.click(screen.getByTestId('import-commit'));
    const summary = await screen.findByTestId('import-summary');
    expect(summary.textContent).toContain('Imported into “Spring promo”');
    expect(summary.textContent).toContain('2 added');
    expect(fake.callsOf('importCommit')).toEqual([{ importId: 'imp-1', target: { newListName: 'Spring promo' }, skipOptedOut: false }]);
    await waitFor(() => expect(useContactsStore.getState().lists.map((l) => l.name)).toEqual(['Spring promo']));
  });

  it('shows progress from main while analysing and cancels the import in main', async () => {
    const release = fake.holdAnalyse();
    renderInApp(<ContactsScreen />);
    fireEvent.click(await screen.findByTestId('lists-import'));
    fireEvent.change(await screen.findByTestId('import-file'), { target: { files: [file()] } });
    const progress = await screen.findByTestId('import-progress');
    await waitFor(() => expect(progress.getAttribute('data-phase')).toBe('normalise'));
    expect(progress.textContent).toContain('Checking numbers');
    fireEvent.click(within(progress).getByTestId('import-cancel'));
    await waitFor(() => expect(fake.callsOf('importCancel')).toEqual([{ importId: 'imp-1' }]));
    await act(async () => release());
    expect(screen.queryByTestId('import-format')).toBeNull();
    expect(useImportStore.getState().importId).toBeNull();
  });

  it('shows main’s sentence and code when the file cannot be read', async () => {
    fake.failNext('importAnalyse', { code: 'CONTACTS_PASSWORD_PROTECTED', message: 'This workbook is password-protected: save it without a password and import again.' });
    renderInApp(<ContactsScreen />);
    fireEvent.click(await screen.findByTestId('lists-import'));
    fireEvent.change(await screen.findByTestId('import-file'), { target: { files: [file()] } });
    const alert = await screen.findByTestId('import-error');
    expect(alert.getAttribute('data-error-code')).toBe('CONTACTS_PASSWORD_PROTECTED');
    expect(alert.textContent).toContain('password-protected');
  });

  it('refuses an empty file in the window without calling main', async () => {
    renderInApp(<ContactsScreen />);
    fireEvent.click(await screen.findByTestId('lists-import'));
    fireEvent.change(await screen.findByTestId('import-file'), { target: { files: [new File([], 'empty.csv')] } });
    expect((await screen.findByTestId('import-error')).textContent).toContain('is empty');
    expect(fake.callsOf('importOpen')).toEqual([]);
  });
});

describe('lists panel', () => {
  it('lists the lists and deletes one after confirmation', async () => {
    const fake = install({ lists: [{ id: 'l1', name: 'VIP', size: 1200, optedOut: 3, createdAt: 1, updatedAt: 1 }] });
    renderInApp(<ContactsScreen />);
    const row = await screen.findByTestId('list-row');
    expect(row.textContent).toContain('VIP');
    expect(row.textContent).toContain('1,200');
    fireEvent.click(within(row).getByTestId('list-delete'));
    expect((await screen.findByTestId('list-delete-dialog')).textContent).toContain('Delete “VIP” and its 1200 contacts?');
    fireEvent.click(screen.getByTestId('list-delete-confirm'));
    await screen.findByTestId('lists-empty');
    expect(fake.callsOf('listsDelete')).toEqual([{ id: 'l1' }]);
  });
});
