import type { CampaignState, MessageCounts } from '../../../shared/campaigns.ts';
import type { AppErrorShape } from '../../../shared/errors.ts';
import type { Notify } from './notifier.ts';
import { noticeSentence } from './notice-sentence.ts';
import { noticeText } from './notice-text.ts';

export interface CampaignSnapshot {
  id: string;
  name: string;
  state: CampaignState;
  counts: MessageCounts;
  lastError: AppErrorShape | null;
}

/**
 * Turns campaign state changes into notices: `done` (every message final, or the report window over)
 * → campaign-finished with the final counts, `paused` with an error (the
 * dispatcher held it: balance, account, provider refusal) → campaign-failed. Each campaign is told about
 * once per state it reaches, however often the dispatcher reports the change.
 */
export function createCampaignNotices(notify: Notify, language: () => 'en' | 'zh') {
  const told = new Map<string, string>();
  return (c: CampaignSnapshot | undefined): void => {
    if (!c) return;
    let key: string | null = null;
    if (c.state === 'done') key = 'done';
    else if (c.state === 'paused' && c.lastError) key = `held:${c.lastError.code}`;
    if (key === null) {
      told.delete(c.id);
      return;
    }
    if (told.get(c.id) === key) return;
    told.set(c.id, key);
    const lang = language();
    const text = noticeText(lang);
    if (c.state === 'done') {
      notify('campaign-finished', text.finishedTitle(c.name), text.finishedBody(c.counts));
    } else {
      notify('campaign-failed', text.failedTitle(c.name), noticeSentence(lang, c.lastError?.message ?? ''));
    }
  };
}
