/** Step 3: which column holds the numbers, which row is the header, and the variable each other column becomes — with sample values under each header. */
import { Badge, Code, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useImportStore } from '../../../stores/contacts-import.ts';
import { Truncate } from '../../../components/Truncate.tsx';
import { columnLetter } from './column-name.ts';
import { columnSamples } from './column-samples.ts';

function Samples({ values }: { values: string[] }) {
  const { t } = useTranslation('contacts');
  const text = values.length === 0 ? t('wizard.mapping.noSamples') : t('wizard.mapping.samples', { values: values.join(t('wizard.mapping.sampleSeparator')) });
  return (
    <Truncate size="xs" c="dimmed" maw={360} data-testid="import-column-samples">
      {text}
    </Truncate>
  );
}

export function MappingStep() {
  const { t } = useTranslation('contacts');
  const preview = useImportStore((s) => s.preview);
  const options = useImportStore((s) => s.options);
  const setOptions = useImportStore((s) => s.setOptions);
  const busy = useImportStore((s) => s.busy) !== null;
  const mapping = preview?.mapping;
  const columnLabel = (index: number, header: string) => (header ? `${columnLetter(index)} — ${header}` : columnLetter(index));

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {mapping ? (
          <Select
            label={t('wizard.mapping.phoneColumn')}
            description={t('wizard.mapping.phoneScore', { pct: Math.round(mapping.phoneScore * 100) })}
            data={mapping.columns.map((c) => ({ value: String(c.index), label: columnLabel(c.index, c.header) }))}
            value={String(mapping.phoneColumn)}
            onChange={(v) => v !== null && void setOptions({ phoneColumn: Number(v) })}
            allowDeselect={false}
            disabled={busy}
            data-testid="import-phone-column"
          />
        ) : (
          <NumberInput
            label={t('wizard.mapping.phoneColumnNumber')}
            description={t('wizard.mapping.phoneColumnNumberHint')}
            min={1}
            value={options.phoneColumn !== undefined ? options.phoneColumn + 1 : ''}
            onChange={(v) => typeof v === 'number' && void setOptions({ phoneColumn: v - 1 })}
            disabled={busy}
            data-testid="import-phone-column"
          />
        )}
        <NumberInput
          label={t('wizard.mapping.headerRow')}
          description={t('wizard.mapping.headerRowHint')}
          min={0}
          value={mapping?.headerRow ?? options.headerRow ?? ''}
          onChange={(v) => typeof v === 'number' && void setOptions({ headerRow: v, phoneColumn: undefined })}
          disabled={busy}
          data-testid="import-header-row"
        />
      </SimpleGrid>
      {mapping && (
        <Paper withBorder>
          <Table verticalSpacing="xs" aria-label={t('wizard.mapping.tableLabel')} data-testid="import-columns">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('wizard.mapping.column')}</Table.Th>
                <Table.Th>{t('wizard.mapping.header')}</Table.Th>
                <Table.Th>{t('wizard.mapping.becomes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mapping.columns.map((c) => (
                <Table.Tr key={c.index}>
                  <Table.Td>{columnLetter(c.index)}</Table.Td>
                  <Table.Td>
                    {c.header || <Text span c="dimmed">{t('wizard.mapping.noHeader')}</Text>}
                    <Samples values={preview ? columnSamples(preview, c.index) : []} />
                  </Table.Td>
                  <Table.Td>
                    {c.index === mapping.phoneColumn ? (
                      <Badge color="teal" variant="light">
                        {t('wizard.mapping.phone')}
                      </Badge>
                    ) : (
                      <Group gap={6}>
                        <Code>{`{${c.variable}}`}</Code>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Text size="xs" c="dimmed">
        {t('wizard.mapping.variablesHint')}
      </Text>
    </Stack>
  );
}
