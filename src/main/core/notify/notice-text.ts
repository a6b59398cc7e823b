import type { MessageCounts } from '../../../shared/campaigns.ts';

/**
 * A finished campaign's final counts, each under its own word (issue 16: "30 sent or delivered, 0
 * failed" hid 1 failed and 2 expired): delivered, failed, expired, no report (still submitted or sent
 * when the report window closed), unknown, cancelled; a count of 0 is left out, but delivered always shows.
 */
function finalParts(c: MessageCounts, words: Record<'delivered' | 'failed' | 'expired' | 'noReport' | 'unknown' | 'cancelled', (n: string) => string>, format: (n: number) => string): string[] {
  const noReport = c.submitted + c.sent;
  const parts = [words.delivered(format(c.delivered))];
  for (const [key, n] of [['failed', c.failed], ['expired', c.expired], ['noReport', noReport], ['unknown', c.unknown], ['cancelled', c.cancelled]] as const) {
    if (n > 0) parts.push(words[key](format(n)));
  }
  return parts;
}

/** Notification texts in the UI language (the OS shows them outside the renderer's i18next). */
const texts = {
  en: {
    finishedTitle: (name: string) => `Campaign finished: ${name}`,
    finishedBody: (c: MessageCounts) =>
      `${finalParts(
        c,
        { delivered: (n) => `${n} delivered`, failed: (n) => `${n} failed`, expired: (n) => `${n} expired`, noReport: (n) => `${n} with no report`, unknown: (n) => `${n} unknown`, cancelled: (n) => `${n} cancelled` },
        (n) => n.toLocaleString('en'),
      ).join(', ')}.`,
    failedTitle: (name: string) => `Campaign stopped: ${name}`,
    singleStoppedTitle: (kind: 'reply' | 'test'): string => (kind === 'reply' ? 'Reply not sent yet' : 'Box push test not sent yet'),
    inboundTitle: (count: number) => (count === 1 ? 'New SMS' : `${count.toLocaleString('en')} new SMS`),
    inboundBody: (numbers: string[]) => `From ${numbers.slice(0, 3).join(', ')}${numbers.length > 3 ? ' and others' : ''}.`,
    receiverTitle: 'The receiver is not listening',
  },
  zh: {
    finishedTitle: (name: string) => `群发完成：${name}`,
    finishedBody: (c: MessageCounts) =>
      `${finalParts(
        c,
        { delivered: (n) => `已送达 ${n} 条`, failed: (n) => `失败 ${n} 条`, expired: (n) => `已过期 ${n} 条`, noReport: (n) => `无回执 ${n} 条`, unknown: (n) => `状态未知 ${n} 条`, cancelled: (n) => `已取消 ${n} 条` },
        (n) => n.toLocaleString('zh-CN'),
      ).join('，')}。`,
    failedTitle: (name: string) => `群发已停止：${name}`,
    singleStoppedTitle: (kind: 'reply' | 'test'): string => (kind === 'reply' ? '回复尚未发出' : 'GSM 网关推送测试尚未发出'),
    inboundTitle: (count: number) => (count === 1 ? '收到新短信' : `收到 ${count.toLocaleString('zh-CN')} 条新短信`),
    inboundBody: (numbers: string[]) => `来自 ${numbers.slice(0, 3).join('、')}${numbers.length > 3 ? ' 等' : ''}。`,
    receiverTitle: '接收服务未在监听',
  },
};

export type NoticeText = (typeof texts)['en'];
export const noticeText = (language: 'en' | 'zh'): NoticeText => texts[language];
