/** The tray's menu and tooltip, built from core state. Pure: no Electron (tray.ts turns it into a Menu). */
import type { SendingStatus } from '../../shared/desktop.ts';

export type TrayAction = 'open' | 'pause-all' | 'resume-all' | 'quit';

export interface TrayItem {
  id: TrayAction | 'status';
  label: string;
  enabled: boolean;
}

export interface TrayModel {
  tooltip: string;
  items: (TrayItem | 'separator')[];
}

const TEXT = {
  en: {
    app: 'SMS Console',
    open: 'Open SMS Console',
    pause: 'Pause all sending',
    resume: 'Resume sending',
    quit: 'Quit',
    idle: 'Nothing is sending',
    running: (n: number) => `${n} campaign${n === 1 ? '' : 's'} sending`,
    paused: (n: number) => `${n} paused`,
    pausedAll: 'Sending paused',
  },
  zh: {
    app: 'SMS Console',
    open: '打开 SMS Console',
    pause: '暂停全部发送',
    resume: '恢复发送',
    quit: '退出',
    idle: '没有正在发送的群发',
    running: (n: number) => `${n} 个群发正在发送`,
    paused: (n: number) => `${n} 个已暂停`,
    pausedAll: '发送已暂停',
  },
};

export function statusLine(status: SendingStatus | null, language: 'en' | 'zh'): string {
  const t = TEXT[language];
  if (!status) return t.idle;
  const parts: string[] = [];
  if (status.pausedAll) parts.push(t.pausedAll);
  if (status.running > 0) parts.push(t.running(status.running));
  if (status.paused > 0) parts.push(t.paused(status.paused));
  return parts.length === 0 ? t.idle : parts.join(' · ');
}

export function buildTrayModel(status: SendingStatus | null, language: 'en' | 'zh'): TrayModel {
  const t = TEXT[language];
  const line = statusLine(status, language);
  const pausedAll = status?.pausedAll ?? false;
  return {
    tooltip: `${t.app} — ${line}`,
    items: [
      { id: 'status', label: line, enabled: false },
      'separator',
      { id: 'open', label: t.open, enabled: true },
      pausedAll
        ? { id: 'resume-all', label: t.resume, enabled: true }
        : { id: 'pause-all', label: t.pause, enabled: (status?.running ?? 0) > 0 },
      'separator',
      { id: 'quit', label: t.quit, enabled: true },
    ],
  };
}
