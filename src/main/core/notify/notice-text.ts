/** Notification texts in the UI language (the OS shows them outside the renderer's i18next). */
const texts = {
  en: {
    finishedTitle: (name: string) => `Campaign finished: ${name}`,
    finishedBody: (ok: number, failed: number, unknown: number) =>
      `${ok.toLocaleString('en')} sent or delivered, ${failed.toLocaleString('en')} failed${unknown > 0 ? `, ${unknown.toLocaleString('en')} unknown` : ''}.`,
    failedTitle: (name: string) => `Campaign stopped: ${name}`,
  },
  zh: {
    finishedTitle: (name: string) => `群发完成：${name}`,
    finishedBody: (ok: number, failed: number, unknown: number) =>
      `已发送或送达 ${ok.toLocaleString('zh-CN')} 条，失败 ${failed.toLocaleString('zh-CN')} 条${unknown > 0 ? `，状态未知 ${unknown.toLocaleString('zh-CN')} 条` : ''}。`,
    failedTitle: (name: string) => `群发已停止：${name}`,
  },
};

export type NoticeText = (typeof texts)['en'];
export const noticeText = (language: 'en' | 'zh'): NoticeText => texts[language];
