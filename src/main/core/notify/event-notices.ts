import type { EventListener } from '../event-hub.ts';
import type { Notify } from './notifier.ts';
import { noticeSentence } from './notice-sentence.ts';
import { noticeText } from './notice-text.ts';

/**
 * Notices raised from core events other areas already emit: an inbound SMS (`inboundReceived`) and the
 * receiver failing to listen (`receiverStatus` in state error — told once per error until it listens again).
 */
export function createEventNotices(notify: Notify, language: () => 'en' | 'zh'): EventListener {
  let receiverError: string | null = null;
  return (name, payload) => {
    const lang = language();
    const text = noticeText(lang);
    if (name === 'inboundReceived') {
      const e = payload as { count: number; numbers: string[] };
      if (e.count > 0) notify('inbound', text.inboundTitle(e.count), text.inboundBody(e.numbers));
    } else if (name === 'receiverStatus') {
      const s = payload as { state: string; error: { code: string; message: string } | null };
      if (s.state === 'error' && s.error) {
        if (receiverError !== s.error.code) notify('receiver-bind', text.receiverTitle, noticeSentence(lang, s.error.message));
        receiverError = s.error.code;
      } else if (s.state === 'listening') receiverError = null;
    }
  };
}
