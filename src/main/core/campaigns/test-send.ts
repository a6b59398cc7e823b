import { randomUUID } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js/max';
import type { CampaignDraft, TestSendView } from '../../../shared/campaigns.ts';
import { AppError } from '../../../shared/errors.ts';
import { normalisePhone } from '../../../shared/phone/normalise.ts';
import { formatForProvider } from '../contacts/phone/provider-format.ts';
import type { CoreContext } from '../context.ts';
import { PROVIDER_LABEL } from '../providers/errors.ts';
import type { NewMessage } from './campaigns-repository.ts';
import type { CampaignService } from './campaign-service.ts';
import { composeMessages } from './compose-messages.ts';
import type { Composer } from './composer.ts';

/**
 * "Send a test to me": the draft's message to one number, before the real send. The test is the
 * message the draft's first recipient would get — the same rendering the pre-send summary shows for
 * them — or, with no recipients chosen yet, the message rendered for the test number itself. It goes
 * through the ledger like any send (a one-message send of kind `test`, so its fate shows), is not
 * listed among campaigns, and the number is remembered in the settings for next time.
 */
export function createTestSend(ctx: CoreContext, service: CampaignService, composer: Composer) {
  return async function sendTest(draft: CampaignDraft, number: string): Promise<TestSendView> {
    const { account, kind, request } = await service.checkDraft(draft);
    const region = request.region as CountryCode;
    const normal = normalisePhone(number, region);
    if (!normal.ok) throw new AppError('TEST_NUMBER_INVALID', `${normal.message}`, { fields: { number: normal.message } });
    const address = formatForProvider(normal.e164, kind, { homeRegion: region });
    if (address === undefined) {
      throw new AppError('TEST_NUMBER_NOT_FOR_PROVIDER', `${PROVIDER_LABEL[kind]} cannot send to ${normal.e164}. Enter a number it can reach (JSMS: a mainland China mobile).`, {
        fields: { number: 'Not reachable through this account.' },
      });
    }
    if (ctx.db.prepare<[string], number>('SELECT 1 FROM opt_outs WHERE e164 = ?').pluck().get(normal.e164) !== undefined) {
      throw new AppError('TEST_NUMBER_OPTED_OUT', `${normal.e164} is on the opt-out list. Remove it there to send yourself tests.`, { fields: { number: 'On the opt-out list.' } });
    }
    const hasRecipients = draft.recipients.listIds.length > 0 || draft.recipients.pasted.trim() !== '';
    const first = hasRecipients ? (await composer.preview(request)).sample[0] : undefined;
    const own = first ? undefined : composeMessages(draft.content, [{ e164: normal.e164, address, vars: {} }], { region, templateText: request.templateText }).sample[0]!;
    const rendered = first ?? own!;
    const message: NewMessage = {
      e164: normal.e164,
      address,
      text: draft.content.mode === 'text' ? rendered.text : '',
      params: rendered.params ?? null,
      segments: rendered.segments,
    };
    const p = {
      row: {
        id: randomUUID(),
        kind: 'test' as const,
        name: draft.name,
        accountId: account.id,
        provider: kind,
        content: draft.content,
        quietHours: null,
        options: draft.ports ? { ports: draft.ports } : {},
        retryOf: null,
        createdAt: ctx.clock.now(),
      },
      input: { messages: [message] },
      set: {
        async *chunks() {
          yield [message];
        },
        release: () => undefined,
      },
    };
    service.begin(p);
    const campaign = await service.fill(p);
    if (ctx.settings.get().testNumber !== number) ctx.emit('settingsChanged', ctx.settings.update({ testNumber: number }));
    return { campaign, address, text: rendered.text, renderedFor: first ? first.e164 : null };
  };
}
