import type Database from 'better-sqlite3';
import type { CountryCode } from 'libphonenumber-js/max';
import type { ProviderKind } from '../../../shared/accounts.ts';
import type { CampaignContent, CampaignPreview, RecipientsInput } from '../../../shared/campaigns.ts';
import { AppError } from '../../../shared/errors.ts';
import { CAPABILITIES } from '../providers/capabilities.ts';
import { PROVIDER_LABEL } from '../providers/errors.ts';
import type { NewMessage } from './campaigns-repository.ts';
import { composeMessages } from './compose-messages.ts';
import { resolveRecipients } from './recipients.ts';

/**
 * A campaign's messages from its draft: recipients resolved (lists + pasted, normalised, deduplicated,
 * opt-outs and numbers the provider cannot take left out) and the content rendered per recipient. The
 * same function runs in the main thread for small sets and in the compose worker for big ones
 * (composer.ts); it only reads the database.
 */
export interface ComposeRequest {
  content: CampaignContent;
  recipients: RecipientsInput;
  kind: ProviderKind;
  region: string;
  /** Landlines and other non-mobile numbers are left out unless this says otherwise. */
  includeNonMobile: boolean;
  /** JSMS: the template's text when the app knows it (the samples then read as the phone shows them). */
  templateText?: string;
}

/** What the pre-send summary shows of a composed set. */
export type ComposeSummary = Pick<CampaignPreview, 'recipients' | 'optedOut' | 'invalid' | 'nonMobile' | 'duplicates' | 'excluded' | 'totalSegments' | 'missingVariables' | 'defaultedVariables' | 'sample'>;

export function composeSet(db: Database.Database, req: ComposeRequest): { summary: ComposeSummary; messages: NewMessage[] } {
  const resolved = resolveRecipients(db, req.recipients, req.kind, req.region as CountryCode, { includeNonMobile: req.includeNonMobile });
  const composed = composeMessages(req.content, resolved.recipients, { region: req.region as CountryCode, templateText: req.templateText });
  const maxLen = CAPABILITIES[req.kind].maxContentLength;
  if (req.content.mode === 'text' && maxLen !== null) {
    const tooLong = composed.messages.find((m) => m.text.length > maxLen);
    if (tooLong) {
      throw new AppError('CAMPAIGN_TEXT_TOO_LONG', `The text for ${tooLong.e164} has ${tooLong.text.length} characters; ${PROVIDER_LABEL[req.kind]} takes at most ${maxLen}. Shorten it.`, {
        fields: { 'content.body': `At most ${maxLen} characters.` },
      });
    }
  }
  return {
    summary: {
      recipients: resolved.recipients.length,
      optedOut: resolved.optedOut,
      invalid: resolved.invalid,
      nonMobile: resolved.nonMobile,
      duplicates: resolved.duplicates,
      excluded: resolved.excluded,
      totalSegments: composed.totalSegments,
      missingVariables: composed.missingVariables,
      defaultedVariables: composed.defaultedVariables,
      sample: composed.sample,
    },
    messages: composed.messages,
  };
}
