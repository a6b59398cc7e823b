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
    const c = { id: 'c1', name: '促销', state: 'done' as const, counts: { ...emptyCounts(), delivered: 1200, failed: 3, expired: 2, sent: 4, submitted: 1 }, lastError: null };
    tell(c);
    tell(c);
    const held = { code: 'EIMS_BALANCE', message: 'EIMS says: balance insufficient (-10). Top up the account or lower the batch.' };
    tell({ ...c, id: 'c2', state: 'paused', lastError: held });
    tell({ ...c, id: 'c2', state: 'paused', lastError: held });
    tell({ ...c, id: 'c3', state: 'paused', lastError: null }); // paused by the user: no notice
    expect(emitted.map((e) => [e.kind, e.title, e.body])).toEqual([
      ['campaign-finished', '群发完成：促销', '已送达 1,200 条，失败 3 条，已过期 2 条，无回执 5 条。'],
      // Main's sentence, in the notice's language like its title.
      ['campaign-failed', '群发已停止：促销', 'EIMS 返回：余额不足（-10）。请为账户充值，或减小批次。'],
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

  it('says the receiver error in Chinese when the language is Chinese', () => {
    const { emitted, notify } = setup();
    const listener = createEventNotices(notify, () => 'zh');
    const message = 'Port 18080 is already used by another program on this PC. Pick another port for the receiver, or close that program.';
    listener('receiverStatus', { state: 'error', error: { code: 'RECEIVER_PORT_IN_USE', message } } as never);
    expect(emitted.map((e) => [e.title, e.body])).toEqual([['接收服务未在监听', '端口 18080 已被本机上的其他程序占用。请为接收器选择其他端口，或关闭该程序。']]);
  });
});
