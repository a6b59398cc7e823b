/** Notification texts in the UI language (the OS shows them outside the renderer's i18next). */
const texts = {
  en: {
    finishedTitle: (name: string) => `Campaign finished: ${name}`,
    finishedBody: (ok: number, failed: number, unknown: number) =>
      `${ok.toLocaleString('en')} sent or delivered, ${failed.toLocaleString('en')} failed${unknown > 0 ? `, ${unknown.toLocaleString('en')} unknown` : ''}.`,
    failedTitle: (name: string) => `Campaign stopped: ${name}`,
    singleStoppedTitle: (kind: 'reply' | 'test'): string => (kind === 'reply' ? 'Reply not sent yet' : 'Box push test not sent yet'),
    inboundTitle: (count: number) => (count === 1 ? 'New SMS' : `${count.toLocaleString('en')} new SMS`),
    inboundBody: (numbers: string[]) => `From ${numbers.slice(0, 3).join(', ')}${numbers.length > 3 ? ' and others' : ''}.`,
    receiverTitle: 'The receiver is not listening',
  },
  zh: {
    finishedTitle: (name: string) => `群发完成：${name}`,
    finishedBody: (ok: number, failed: number, unknown: number) =>
      `已发送或送达 ${ok.toLocaleString('zh-CN')} 条，失败 ${failed.toLocaleString('zh-CN')} 条${unknown > 0 ? `，状态未知 ${unknown.toLocaleString('zh-CN')} 条` : ''}。`,
    failedTitle: (name: string) => `群发已停止：${name}`,
    singleStoppedTitle: (kind: 'reply' | 'test'): string => (kind === 'reply' ? '回复尚未发出' : 'GSM 网关推送测试尚未发出'),
    inboundTitle: (count: number) => (count === 1 ? '收到新短信' : `收到 ${count.toLocaleString('zh-CN')} 条新短信`),
    inboundBody: (numbers: string[]) => `来自 ${numbers.slice(0, 3).join('、')}${numbers.length > 3 ? ' 等' : ''}。`,
    receiverTitle: '接收服务未在监听',
  },
};

export type NoticeText = (typeof texts)['en'];
export const noticeText = (language: 'en' | 'zh'): NoticeText => texts[language];
