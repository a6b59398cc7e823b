/** The pre-send summary main computed: who gets it, who is left out and why, segments, cost vs balance, samples. */
import { Alert, Badge, Button, Group, List, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignPreview } from '../../../../shared/campaigns.ts';
import { sentenceText } from '../../i18n/issue-text.ts';
import { DefaultOffer } from './DefaultOffer.tsx';
import { CostAlerts, CostStats } from './CostSummary.tsx';
import { Stat } from './SummaryStat.tsx';
import { ParamChips } from '../../components/SentText.tsx';

const SAMPLES = 5;
/** Main's warnings this summary already shows in its own words (cost against balance, quota or SIM capacity; nobody left). */
const SHOWN_HERE = ['The estimated cost (', 'This marketing template draws on', 'This template draws on the industry quota', "The box's SIMs can send", 'Nobody is left to send to.'];

interface ReviewSummaryProps {
  preview: CampaignPreview;
  /** The form still matches what was reviewed. */
  current: boolean;
  sending: boolean;
  onSend: () => void;
  /** Compose scheduling: the button and hint say "schedule" instead of "send". */
  sendLabel?: string;
  hint?: string;
}

export function ReviewSummary({ preview, current, sending, onSend, sendLabel, hint }: ReviewSummaryProps) {
  const { t, i18n } = useTranslation('compose');
  const number = new Intl.NumberFormat(i18n.language);
  const overBalance = preview.funds !== null && !preview.funds.covered;
  const excludedCount = preview.optedOut + preview.invalid + preview.nonMobile;
  const warnings = preview.warnings.filter((w) => !SHOWN_HERE.some((prefix) => w.startsWith(prefix)));

  return (
    <Stack gap="sm" data-testid="compose-summary" data-current={current}>
      <Title order={3} size="h4">
        {t('summary.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
        <Stat label={t('summary.recipients')} value={number.format(preview.recipients)} count={preview.recipients} testId="summary-recipients" />
        <Stat label={t('summary.totalSegments')} value={number.format(preview.totalSegments)} count={preview.totalSegments} testId="summary-segments" />
        <Stat label={t('summary.optedOut')} value={number.format(preview.optedOut)} count={preview.optedOut} testId="summary-opted-out" color={preview.optedOut > 0 ? 'orange' : undefined} />
        <Stat label={t('summary.invalid')} value={number.format(preview.invalid)} count={preview.invalid} testId="summary-invalid" color={preview.invalid > 0 ? 'red' : undefined} />
        <Stat label={t('summary.nonMobile')} value={number.format(preview.nonMobile)} count={preview.nonMobile} testId="summary-non-mobile" color={preview.nonMobile > 0 ? 'orange' : undefined} />
        <Stat label={t('summary.duplicates')} value={number.format(preview.duplicates)} count={preview.duplicates} testId="summary-duplicates" />
        <CostStats preview={preview} />
      </SimpleGrid>

      <CostAlerts preview={preview} />
      {preview.recipients === 0 && (
        <Alert color="red" variant="light" data-testid="summary-no-recipients">
          <Text size="sm">{t('summary.noRecipients')}</Text>
        </Alert>
      )}
      {preview.missingVariables.length > 0 && (
        <Alert color="yellow" variant="light" title={t('summary.missingTitle')} data-testid="summary-missing">
          <List size="sm">
            {preview.missingVariables.map((m) => (
              <List.Item key={m.name}>{t('summary.missingRow', { variable: `{${m.name}}`, count: m.recipients })}</List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed" mt={6} mb={4}>
            {t('summary.missingOffer')}
          </Text>
          <Stack gap={4}>
            {preview.missingVariables.map((m) => (
              <DefaultOffer key={m.name} name={m.name} />
            ))}
          </Stack>
        </Alert>
      )}
      {preview.defaultedVariables.length > 0 && (
        <Alert color="blue" variant="light" title={t('summary.defaultedTitle')} data-testid="summary-defaulted">
          <List size="sm">
            {preview.defaultedVariables.map((d) => (
              <List.Item key={d.name}>{t('summary.defaultedRow', { variable: `{${d.name}}`, count: d.recipients, fallback: d.fallback })}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {warnings.length > 0 && (
        <Alert color="yellow" variant="light" title={t('summary.warnings')} data-testid="summary-warnings">
          <List size="sm">
            {warnings.map((w) => (
              <List.Item key={w}>{sentenceText(i18n, w)}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      {preview.excluded.length > 0 && (
        <div data-testid="summary-excluded">
          <Text size="sm" fw={600}>
            {t('summary.excludedTitle', { count: excludedCount })}
          </Text>
          {preview.excluded.length < excludedCount && (
            <Text size="xs" c="dimmed">
              {t('summary.excludedShown', { shown: preview.excluded.length, count: excludedCount })}
            </Text>
          )}
          <ScrollArea.Autosize mah={180} type="auto">
            <Table verticalSpacing={4} fz="sm">
              <Table.Tbody>
                {preview.excluded.map((e, i) => (
                  <Table.Tr key={`${e.value}-${i}`} data-testid="summary-excluded-row">
                    <Table.Td w="40%">
                      <Text size="sm" ff="monospace">
                        {e.value}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {sentenceText(i18n, e.reason)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </div>
      )}

      {preview.sample.length > 0 && (
        <div data-testid="summary-samples">
          <Text size="sm" fw={600} mb={4}>
            {t('summary.samplesTitle')}
          </Text>
          <Stack gap={6}>
            {preview.sample.slice(0, SAMPLES).map((s) => (
              <Paper key={s.e164} withBorder p="xs" radius="sm" bg="var(--mantine-color-gray-light)" data-testid="summary-sample">
                <Group justify="space-between" gap="xs" mb={2}>
                  <Text size="xs" ff="monospace" c="dimmed">
                    {s.e164}
                  </Text>
                  {s.encoding !== null && (
                    <Badge size="xs" variant="light" color="gray">
                      {t('summary.sampleSegments', { encoding: s.encoding, count: s.segments })}
                    </Badge>
                  )}
                </Group>
                {s.params && s.fromTemplate !== true ? (
                  <ParamChips params={s.params} />
                ) : (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="summary-sample-text">
                    {s.text}
                  </Text>
                )}
              </Paper>
            ))}
          </Stack>
        </div>
      )}

      {!current && (
        <Alert color="blue" variant="light" data-testid="summary-stale">
          <Text size="sm">{t('review.stale')}</Text>
        </Alert>
      )}
      <Text size="xs" c="dimmed">
        {hint ?? t('summary.confirmHint')}
      </Text>
      <Button
        color={overBalance ? 'orange' : 'blue'}
        size="md"
        disabled={!current || preview.recipients === 0}
        loading={sending}
        onClick={onSend}
        data-testid="compose-send"
      >
        {sendLabel ?? t('summary.send', { count: preview.recipients, formatted: number.format(preview.recipients) })}
      </Button>
    </Stack>
  );
}
