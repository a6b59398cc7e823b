import type { CampaignKind, CampaignState, MessageCounts } from '../../../shared/campaigns.ts';
import type { AppErrorShape } from '../../../shared/errors.ts';
import type { Notify } from './notifier.ts';
import { noticeSentence } from './notice-sentence.ts';
import { noticeText } from './notice-text.ts';

export interface CampaignSnapshot {
  id: string;
  /** Replies and tests (single messages) tell only when they are held, under a title of their own. */
  kind?: CampaignKind;
  name: string;
  state: CampaignState;
  counts: MessageCounts;
  lastError: AppErrorShape | null;
}

/**
 * Turns campaign state changes into notices: `done` (every message final, or the report window over)
 * → campaign-finished with the final counts, `paused` with an error (the dispatcher held it: balance,
 * account, provider refusal) → campaign-failed. A single message (a reply, the box push test) is not a
 * campaign: its end is no news, only its being held. Each campaign is told about
 * once per state it reaches, however often the dispatcher reports the change.
 */
export function createCampaignNotices(notify: Notify, language: () => 'en' | 'zh') {
  const told = new Map<string, string>();
  return (c: CampaignSnapshot | undefined): void => {
    if (!c) return;
    let key: string | null = null;
    const single = c.kind !== undefined && c.kind !== 'campaign';
    if (c.state === 'done') key = single ? null : 'done';
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
      const title = c.kind === 'reply' || c.kind === 'test' ? text.singleStoppedTitle(c.kind) : text.failedTitle(c.name);
      notify('campaign-failed', title, noticeSentence(lang, c.lastError?.message ?? ''));
    }
  };
}
