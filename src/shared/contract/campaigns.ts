import { z } from 'zod';
import { event, method } from './define.ts';
import type { CampaignPortEvent } from '../box-ports.ts';
import type { FileDownload } from '../contact-lists.ts';
import {
  campaignCreateSchema,
  campaignDraftSchema,
  campaignExportSchema,
  campaignIdSchema,
  campaignMessagesSchema,
  campaignMoveConfirmSchema,
  campaignMoveSchema,
  campaignRetrySchema,
  campaignTestSchema,
  type CampaignPreview,
  type TestSendView,
  type CampaignProgressEvent,
  type CampaignView,
  type MessageEventView,
  type MessagePage,
  type MoveTarget,
} from '../campaigns.ts';
import { draftIdSchema, draftSaveSchema, type DraftDetail, type DraftView, type SavedForm } from '../drafts.ts';

export const campaignMethods = {
  /** The pre-send summary: recipients after opt-outs/invalid/duplicates, segments, cost vs balance, samples. */
  campaignPreview: method<CampaignPreview>()(campaignDraftSchema),
  /** Writes the campaign and one ledger row per message, then starts sending. Needs `confirmed: true`. */
  campaignCreate: method<CampaignView>()(campaignCreateSchema),
  campaignsList: method<CampaignView[]>()(z.void()),
  campaignGet: method<CampaignView>()(campaignIdSchema),
  campaignMessages: method<MessagePage>()(campaignMessagesSchema),
  messageHistory: method<MessageEventView[]>()(z.object({ messageId: z.number().int().positive() })),
  /** The campaign's own history lines: its box's ports taken out of rotation, tried, back; SIMs changed. */
  campaignHistory: method<CampaignPortEvent[]>()(campaignIdSchema),
  /** Stops picking new messages; requests already made finish and are recorded. */
  campaignPause: method<CampaignView>()(campaignIdSchema),
  campaignResume: method<CampaignView>()(campaignIdSchema),
  /** Everything not yet handed to the provider becomes `cancelled` at once. */
  campaignCancel: method<CampaignView>()(campaignIdSchema),
  /** A new campaign with the chosen messages of this one (failed by default; unknown only when asked). */
  campaignRetry: method<CampaignView>()(campaignRetrySchema),
  campaignExport: method<FileDownload>()(campaignExportSchema),
  /** "Send a test to me": the draft's first recipient's message, sent to one number now; not a campaign. Remembers the number. */
  campaignTest: method<TestSendView>()(campaignTestSchema),
  /** The compose form that sends this campaign again: content, account, quiet hours, ports and its recipients. Saves nothing. */
  campaignDuplicate: method<SavedForm>()(campaignIdSchema),

  draftsList: method<DraftView[]>()(z.void()),
  draftGet: method<DraftDetail>()(draftIdSchema),
  /** Creates a draft (no id) or replaces one's form. */
  draftSave: method<DraftView>()(draftSaveSchema),
  draftDelete: method<{ id: string }>()(draftIdSchema),
  /** Accounts a paused campaign's unsent rest can move to (other accounts that send the same kind of content). */
  campaignMoveTargets: method<MoveTarget[]>()(campaignIdSchema),
  /** The pre-send summary of moving the unsent rest to `accountId`: who gets it, segments, cost vs that account's balance. */
  campaignMovePreview: method<CampaignPreview>()(campaignMoveSchema),
  /**
   * Moves what the paused campaign never handed over to a new campaign on `accountId`, which starts
   * sending; what was handed over stays and gets its reports. Needs `confirmed: true`.
   */
  campaignMove: method<CampaignView>()(campaignMoveConfirmSchema),
};

export const campaignEvents = {
  /** Coalesced: at most a few per second per campaign. */
  campaignProgress: event<CampaignProgressEvent>(),
  campaignsChanged: event<{ reason: 'created' | 'state'; id: string }>(),
  draftsChanged: event<{ reason: 'saved' | 'deleted'; id: string }>(),
  /** A history line was added to the campaign (campaignHistory). */
  campaignHistoryChanged: event<{ id: string }>(),
};
