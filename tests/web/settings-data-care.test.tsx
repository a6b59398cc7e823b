import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../src/shared/api.ts';
import type { AuditPage, SendingStatus } from '../../src/shared/desktop.ts';
import { setBridgeForTests } from '../../src/renderer/src/api.ts';
import { i18next } from '../../src/renderer/src/i18n/index.ts';
import { SettingsScreen } from '../../src/renderer/src/screens/settings/SettingsScreen.tsx';
import { useDataCareStore } from '../../src/renderer/src/stores/data-care.ts';
import { useSettingsStore } from '../../src/renderer/src/stores/settings.ts';
import type { FakeMain } from './fake-bridge.ts';
import { installFakeMain, renderInApp } from './render.tsx';

const AT = Date.UTC(2026, 2, 14, 9, 30);
let fake: FakeMain;
/** What arrived through uploadPart, per upload id (base64, parts joined). */
const uploaded = new Map<string, string>();
let calls: { method: string; input: unknown }[];
let sending: SendingStatus;
/** Whether main answers the first restore with "its receiver settings listen wider: confirm". */
let wideBackup = false;
const INFO = { createdAt: AT, appVersion: '1', schemaVersion: 6, databaseBytes: 4096 };
const audit: AuditPage = {
  total: 2,
  rows: [
    { id: 2, at: AT, actor: 'alice', source: 'ui', action: 'campaign.cancel', targetId: 'c1', summary: 'Promo: running → cancelled' },
    { id: 1, at: AT - 60_000, actor: 'alice', source: 'ui', action: 'account.create', targetId: 'a1', summary: 'Platform (eims)' },
  ],
};

function install() {
  fake = installFakeMain();
  calls = [];
  uploaded.clear();
  wideBackup = false;
  sending = { running: 2, paused: 0, pausedAll: false };
  const ok = (value: unknown) => Promise.resolve({ ok: true as const, value });
  const extra = {
    appInfo: () => ok({ version: '1', mode: 'headless', dataDir: '/data', schemaVersion: 6 }),
    sendingStatus: () => ok(sending),
    campaignsPauseAll: () => {
      sending = { running: 0, paused: 2, pausedAll: true };
      return ok({ ids: ['a', 'b'], status: sending });
    },
    campaignsResumeAll: () => {
      sending = { running: 2, paused: 0, pausedAll: false };
      return ok({ ids: ['a', 'b'], status: sending });
    },
    logsOpenFolder: () => ok({ path: '/data/logs', opened: false }),
    auditList: () => ok(audit),
    auditExport: () => ok({ fileName: 'audit.csv', mime: 'text/csv', base64: btoa('time'), rows: 2 }),
    uploadPart: (input: { uploadId?: string; size: number; base64: string }) => {
      const id = input.uploadId ?? `up-${calls.filter((c) => c.method === 'uploadPart').length}`;
      uploaded.set(id, (uploaded.get(id) ?? '') + input.base64);
      return ok({ uploadId: id, received: atob(uploaded.get(id)!).length, size: input.size });
    },
    backupRestore: (input: { receiver?: string }) =>
      ok(
        wideBackup && input.receiver === undefined
          ? { status: 'confirm', info: INFO, receiver: { current: { host: '127.0.0.1', port: 18080, reach: 'loopback' }, backup: { host: '0.0.0.0', port: 18081, reach: 'any' } } }
          : { status: 'staged', info: INFO, restartRequired: true },
      ),
  };
  const bridge = { ...fake.bridge, on: fake.bridge.on.bind(fake.bridge) } as Record<string, unknown>;
  for (const [name, fn] of Object.entries(extra)) {
    bridge[name] = (input: unknown) => {
      calls.push({ method: name, input });
      return (fn as (i: unknown) => Promise<unknown>)(input);
    };
  }
  setBridgeForTests(bridge as unknown as Bridge);
  useDataCareStore.setState({ mode: null, sending: null, audit: null, auditOffset: 0, auditError: null, busy: null });
}

describe('Settings: notifications, data care and the audit log', () => {
  beforeEach(async () => {
    install();
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    await useSettingsStore.getState().load();
  });

  it('turns one notification kind off and keeps the others', async () => {
    renderInApp(<SettingsScreen />);
    fireEvent.click(screen.getByTestId('settings-notify-inbound'));
    await waitFor(() => expect(fake.callsOf('settingsUpdate')).toHaveLength(1));
    const patch = fake.callsOf('settingsUpdate')[0] as { notifications: Record<string, boolean> };
    expect(patch.notifications.inbound).toBe(false);
    expect(patch.notifications['campaign-finished']).toBe(true);
    // Start at login is a desktop-app setting: disabled in headless mode.
    expect((screen.getByTestId('settings-start-at-login') as HTMLInputElement).disabled).toBe(true);
  });

  it('pauses all sending and offers to resume', async () => {
    renderInApp(<SettingsScreen />);
    await waitFor(() => expect(screen.getByTestId('settings-sending-status').textContent).toBe('2 sending, 0 paused'));
    fireEvent.click(screen.getByTestId('settings-toggle-sending'));
    await waitFor(() => expect(screen.getByTestId('settings-toggle-sending').textContent).toBe('Resume sending'));
    expect(calls.map((c) => c.method)).toContain('campaignsPauseAll');
    expect(screen.getByTestId('settings-data-notice').textContent).toBe('All sending is paused.');
  });

  it('restores only after confirmation, says secrets are not included, and shows dates in the UI language', async () => {
    renderInApp(<SettingsScreen />);
    expect(screen.getByTestId('settings-backup-secrets-note').textContent).toMatch(/not in backups/);
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([new Uint8Array([1, 2, 3])], 'old.smsbackup')] } });
    expect(calls.some((c) => c.method === 'backupRestore')).toBe(false);
    fireEvent.click(await screen.findByTestId('settings-restore-go'));
    await waitFor(() => expect(calls.find((c) => c.method === 'backupRestore')?.input).toEqual({ fileName: 'old.smsbackup', uploadId: expect.any(String) }));
    // The file went in parts, then the restore named it.
    const restore = calls.find((c) => c.method === 'backupRestore')!.input as { uploadId: string };
    expect(uploaded.get(restore.uploadId)).toBe('AQID');
    await waitFor(() => expect(screen.getByTestId('settings-data-notice').textContent).toMatch(/Restart the app/));

    const rows = await screen.findAllByTestId('settings-audit-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Campaign cancelled')).toBeTruthy();
    expect(rows[0]!.textContent).toContain(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(AT));
    await i18next.changeLanguage('zh');
    await waitFor(() => expect(screen.getAllByTestId('settings-audit-row')[0]!.textContent).toContain(new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'medium' }).format(AT)));
    expect(screen.getAllByTestId('settings-audit-row')[0]!.textContent).toContain('取消群发');

    fireEvent.click(screen.getByTestId('settings-audit-export-csv'));
    await waitFor(() => expect(calls.find((c) => c.method === 'auditExport')?.input).toEqual({ format: 'csv' }));
  });

  it('shows a backup’s wider receiver settings and restores with the choice made (en and zh)', async () => {
    wideBackup = true;
    renderInApp(<SettingsScreen />);
    const pick = () => fireEvent.change(document.querySelector('input[type=file]') as HTMLInputElement, { target: { files: [new File([new Uint8Array([1, 2, 3])], 'edited.smsbackup')] } });
    pick();
    fireEvent.click(await screen.findByTestId('settings-restore-go'));
    const now = await screen.findByTestId('settings-restore-receiver-current');
    expect(now.textContent).toBe('Now127.0.0.1:18080Only this PC');
    expect(screen.getByTestId('settings-restore-receiver-backup').textContent).toBe('In the backup0.0.0.0:18081Every network this PC is on');
    expect(screen.getByTestId('settings-data-notice').textContent).toBe('');
    fireEvent.click(screen.getByTestId('settings-restore-receiver-keep'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'backupRestore').map((c) => (c.input as { receiver?: string }).receiver)).toEqual([undefined, 'current']));
    await waitFor(() => expect(screen.getByTestId('settings-data-notice').textContent).toMatch(/Restart the app/));

    await i18next.changeLanguage('zh');
    pick();
    fireEvent.click(await screen.findByTestId('settings-restore-go'));
    expect((await screen.findByTestId('settings-restore-receiver-backup')).textContent).toBe('备份中0.0.0.0:18081本机连接的所有网络');
    fireEvent.click(screen.getByTestId('settings-restore-receiver-use'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'backupRestore').map((c) => (c.input as { receiver?: string }).receiver)).toEqual([undefined, 'current', undefined, 'backup']));
    await i18next.changeLanguage('en');
  });
});
