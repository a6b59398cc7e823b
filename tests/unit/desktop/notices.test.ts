import { describe, expect, it } from 'vitest';
import type { NotifyEvent, NotifyKind } from '../../../src/shared/notifications.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings.ts';
import { emptyCounts } from '../../../src/shared/campaigns.ts';
import { createCampaignNotices } from '../../../src/main/core/notify/campaign-notices.ts';
import { createEventNotices } from '../../../src/main/core/notify/event-notices.ts';
import { createNotifier } from '../../../src/main/core/notify/notifier.ts';
import { systemClock } from '../../../src/main/core/ports.ts';

function setup(off: NotifyKind[] = []) {
  const emitted: NotifyEvent[] = [];
  const settings = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, ...Object.fromEntries(off.map((k) => [k, false])) } };
  const notify = createNotifier({ emit: (name, payload) => name === 'notify' && emitted.push(payload as NotifyEvent), clock: systemClock, settings: () => settings });
  return { emitted, notify };
}

describe('notices', () => {
  it('tells a campaign finished once, and a held campaign once per error', () => {
    const { emitted, notify } = setup();
    const tell = createCampaignNotices(notify, () => 'zh');
    const c = { id: 'c1', name: '促销', state: 'done' as const, counts: { ...emptyCounts(), delivered: 1200, failed: 3 }, lastError: null };
    tell(c);
    tell(c);
    tell({ ...c, id: 'c2', state: 'paused', lastError: { code: 'EIMS_BALANCE', message: 'EIMS says: balance insufficient.' } });
    tell({ ...c, id: 'c2', state: 'paused', lastError: { code: 'EIMS_BALANCE', message: 'EIMS says: balance insufficient.' } });
    tell({ ...c, id: 'c3', state: 'paused', lastError: null }); // paused by the user: no notice
    expect(emitted.map((e) => [e.kind, e.title, e.body])).toEqual([
      ['campaign-finished', '群发完成：促销', '已发送或送达 1,200 条，失败 3 条。'],
      ['campaign-failed', '群发已停止：促销', 'EIMS says: balance insufficient.'],
    ]);
  });

  it('turns inbound SMS and receiver errors into notices, respecting the switches', () => {
    const { emitted, notify } = setup(['inbound']);
    const listener = createEventNotices(notify, () => 'en');
    listener('inboundReceived', { count: 2, numbers: ['+8613800000001', '+8613800000002'], unreadTotal: 2 });
    const error = { state: 'error', error: { code: 'RECEIVER_PORT_IN_USE', message: 'Port 18080 is in use. Pick another port.' } };
    listener('receiverStatus', error as never);
    listener('receiverStatus', error as never);
    listener('receiverStatus', { state: 'listening', error: null } as never);
    listener('receiverStatus', error as never);
    expect(emitted.map((e) => e.kind)).toEqual(['receiver-bind', 'receiver-bind']);
    expect(emitted[0]!.body).toBe('Port 18080 is in use. Pick another port.');
  });
});
