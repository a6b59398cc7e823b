/**
 * What a sent message said, the same way on every screen: free text as it went out; a JSMS template
 * send as its template with the parameters filled in or — when the app could not read the template's
 * text from JSMS — clearly labelled "template #id" with the parameters.
 */
import { Badge, Code, Group, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CampaignKind, SentTemplate } from '../../../shared/campaigns.ts';

export interface SentMessage {
  text: string;
  template: SentTemplate | null;
}

const paramsText = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/** One line of text for a table cell or a conversation preview. */
export function sentTextLine(t: TFunction, m: SentMessage): string {
  if (m.template === null || m.template.known) return m.text;
  const params = paramsText(m.template.params);
  return params === '' ? t('common:sent.templateOnly', { id: m.template.id }) : t('common:sent.templateWithParams', { id: m.template.id, params });
}

/** How a single message is titled where a campaign would show its name. */
export function singleKindLabel(t: TFunction, kind: CampaignKind): string | null {
  return kind === 'campaign' ? null : t(`common:sent.kinds.${kind}`);
}

/** Template parameters as `name=value` chips (what a template send filled in). */
export function ParamChips({ params }: { params: Record<string, string> }) {
  return (
    <Group gap={6}>
      {Object.entries(params).map(([k, v]) => (
        <Code key={k}>
          {k}={v}
        </Code>
      ))}
    </Group>
  );
}

/** The text in full (a conversation bubble, a message's details). */
export function SentText({ message, testId }: { message: SentMessage; testId?: string }) {
  const { t } = useTranslation('common');
  const template = message.template;
  if (template !== null && !template.known) {
    return (
      <Stack gap={4} data-testid={testId} data-template-known="false">
        <Group gap={6}>
          <Badge size="sm" variant="outline" color="gray" data-testid="sent-template-label">
            {t('sent.templateLabel', { id: template.id })}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('sent.templateUnknown')}
          </Text>
        </Group>
        {Object.keys(template.params).length > 0 && <ParamChips params={template.params} />}
      </Stack>
    );
  }
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid={testId} data-template-known={template ? 'true' : undefined}>
      {message.text}
    </Text>
  );
}
