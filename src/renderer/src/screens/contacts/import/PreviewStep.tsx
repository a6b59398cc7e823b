/** Step 4: the counts, the first rows exactly as they will be imported, and every rejected row with its reason. */
import { Badge, Button, Group, Menu, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCounts } from '../../../../../shared/contacts.ts';
import type { AppErrorShape } from '../../../../../shared/errors.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useImportStore } from '../../../stores/contacts-import.ts';
import { useContactsError } from '../contacts-error.ts';

const SHOWN_REJECTS = 200;
const COUNT_KEYS: Array<{ key: keyof ImportCounts; color: string }> = [
  { key: 'total', color: 'gray' },
  { key: 'valid', color: 'teal' },
  { key: 'invalid', color: 'red' },
  { key: 'duplicate', color: 'yellow' },
  { key: 'optedOut', color: 'orange' },
  { key: 'nonMobile', color: 'orange' },
];

export function PreviewStep() {
  const { t, i18n } = useTranslation('contacts');
  const preview = useImportStore((s) => s.preview);
  const exportRejects = useImportStore((s) => s.exportRejects);
  const tr = useContactsError();
  const [error, setError] = useState<AppErrorShape | null>(null);
  if (!preview) return null;
  const number = new Intl.NumberFormat(i18n.language);
  const varNames = preview.mapping.columns.filter((c) => c.variable !== '').map((c) => c.variable).slice(0, 4);

  const doExport = async (format: 'csv' | 'xlsx') => {
    setError(null);
    const r = await exportRejects(format);
    if (!r.ok) setError(r.error);
  };

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm">
        {COUNT_KEYS.map(({ key, color }) => (
          <Paper key={key} withBorder p="sm" data-testid={`import-count-${key}`} data-count={preview.counts[key]}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t(`wizard.counts.${key}`)}
            </Text>
            <Text size="xl" fw={700} c={preview.counts[key] > 0 && key !== 'total' ? color : undefined}>
              {number.format(preview.counts[key])}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>

      <Title order={4}>{t('wizard.preview.rowsTitle', { count: preview.rows.length })}</Title>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={600} maxHeight={320}>
          <Table verticalSpacing={4} stickyHeader aria-label={t('wizard.preview.rowsTitle', { count: preview.rows.length })} data-testid="import-preview-rows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('wizard.preview.row')}</Table.Th>
                <Table.Th>{t('wizard.preview.number')}</Table.Th>
                <Table.Th>{t('wizard.preview.original')}</Table.Th>
                {varNames.map((v) => (
                  <Table.Th key={v}>{v}</Table.Th>
                ))}
                <Table.Th>{t('wizard.preview.notes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((r) => (
                <Table.Tr key={r.row} data-testid="import-preview-row">
                  <Table.Td c="dimmed">{r.row}</Table.Td>
                  <Table.Td ff="monospace">{r.e164}</Table.Td>
                  <Table.Td c="dimmed">{r.original}</Table.Td>
                  {varNames.map((v) => (
                    <Table.Td key={v}>{r.vars[v]}</Table.Td>
                  ))}
                  <Table.Td>
                    <Group gap={4}>
                      {r.duplicates > 0 && (
                        <Badge size="xs" color="yellow" variant="light">
                          {t('wizard.preview.duplicates', { count: r.duplicates })}
                        </Badge>
                      )}
                      {r.optedOut && (
                        <Badge size="xs" color="orange" variant="light">
                          {t('contacts.optedOut')}
                        </Badge>
                      )}
                      {r.nonMobile && (
                        <Badge size="xs" color="orange" variant="light" data-testid="import-non-mobile" title={t('wizard.preview.nonMobileHint')}>
                          {t(`wizard.preview.lineKinds.${r.nonMobile}`)}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <Group justify="space-between">
        <Title order={4}>{t('wizard.preview.rejectsTitle', { count: preview.counts.invalid })}</Title>
        {preview.counts.invalid > 0 && (
          <Menu position="bottom-end">
            <Menu.Target>
              <Button size="xs" variant="default" data-testid="import-rejects-export">
                {t('wizard.preview.exportRejects')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void doExport('xlsx')}>{t('formats.xlsx')}</Menu.Item>
              <Menu.Item onClick={() => void doExport('csv')}>{t('formats.csv')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {error && <ErrorAlert title={t('exportFailed')} error={tr(error)} />}
      {preview.counts.invalid === 0 ? (
        <Text size="sm" c="dimmed" data-testid="import-no-rejects">
          {t('wizard.preview.noRejects')}
        </Text>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={600} maxHeight={280}>
            <Table verticalSpacing={4} stickyHeader aria-label={t('wizard.preview.rejectsTitle', { count: preview.counts.invalid })} data-testid="import-rejects">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('wizard.preview.row')}</Table.Th>
                  <Table.Th>{t('wizard.preview.original')}</Table.Th>
                  <Table.Th>{t('wizard.preview.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rejects.slice(0, SHOWN_REJECTS).map((r) => (
                  <Table.Tr key={r.row} data-testid="import-reject-row">
                    <Table.Td c="dimmed">{r.row}</Table.Td>
                    <Table.Td ff="monospace">{r.original || <Text span c="dimmed">{t('wizard.preview.emptyCell')}</Text>}</Table.Td>
                    <Table.Td>
                      <Text size="sm" title={r.message}>
                        {i18n.language === 'en' ? r.message : t(`reasons.${r.reason}`)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {preview.counts.invalid > Math.min(SHOWN_REJECTS, preview.rejects.length) && (
            <Text size="xs" c="dimmed" p="sm">
              {t('wizard.preview.moreRejects', { count: preview.counts.invalid - Math.min(SHOWN_REJECTS, preview.rejects.length) })}
            </Text>
          )}
        </Paper>
      )}

      {preview.duplicateRows.length > 0 && (
        <>
          <Title order={4}>{t('wizard.preview.duplicatesTitle', { count: preview.duplicateRows.length })}</Title>
          <Paper withBorder>
            <Table.ScrollContainer minWidth={600} maxHeight={220}>
              <Table verticalSpacing={4} stickyHeader data-testid="import-duplicates">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('wizard.preview.row')}</Table.Th>
                    <Table.Th>{t('wizard.preview.original')}</Table.Th>
                    <Table.Th>{t('wizard.preview.duplicateOf')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.duplicateRows.slice(0, SHOWN_REJECTS).map((d) => (
                    <Table.Tr key={d.row} data-testid="import-duplicate-row" data-row={d.row} data-duplicate-of={d.duplicateOf}>
                      <Table.Td c="dimmed">{d.row}</Table.Td>
                      <Table.Td ff="monospace">{d.original}</Table.Td>
                      <Table.Td>{t('wizard.preview.sameAsRow', { row: d.duplicateOf })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </>
      )}
    </Stack>
  );
}
