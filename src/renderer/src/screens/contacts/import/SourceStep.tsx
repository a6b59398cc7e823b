/** Step 2: which sheet, which text encoding / delimiter, and the region for numbers without a country code. */
import { Badge, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_DELIMITERS, TEXT_ENCODINGS, type CsvDelimiter, type TextEncoding } from '../../../../../shared/contacts.ts';
import { localeOf, type Language } from '../../../i18n/index.ts';
import { useImportStore } from '../../../stores/contacts-import.ts';
import { regionOptions } from '../../settings/region-options.ts';

const AUTO = 'auto';
const TEXT_FORMATS = new Set(['csv', 'txt', 'html', 'xml2003']);

export function SourceStep() {
  const { t, i18n } = useTranslation('contacts');
  const preview = useImportStore((s) => s.preview);
  const sheetNames = useImportStore((s) => s.sheets);
  const options = useImportStore((s) => s.options);
  const setOptions = useImportStore((s) => s.setOptions);
  const busy = useImportStore((s) => s.busy) !== null;
  const regions = useMemo(() => regionOptions(localeOf(i18n.language as Language), (name, detail) => t('common:nameAndDetail', { name, detail })), [i18n.language, t]);
  const source = preview?.source;
  const sheetData =
    source && source.sheets.length > 0
      ? source.sheets.map((s) => ({ value: s.name, label: t('wizard.source.sheetOption', { name: s.name, rows: s.rows, columns: s.columns }) }))
      : sheetNames.map((name) => ({ value: name, label: name }));
  const isText = source ? TEXT_FORMATS.has(source.format) : sheetNames.length === 0;
  const delimited = source ? source.format === 'csv' || source.format === 'txt' : sheetNames.length === 0;
  const delimiterLabel = (d: CsvDelimiter) => t(`wizard.source.delimiters.${d === '\t' ? 'tab' : d === ',' ? 'comma' : d === ';' ? 'semicolon' : 'pipe'}`);

  return (
    <Stack gap="md">
      {source && (
        <Group gap="xs">
          <Text size="sm">{t('wizard.source.detected')}</Text>
          <Badge variant="light">{t(`wizard.formats.${source.format}`)}</Badge>
          {source.encoding && <Badge variant="outline">{source.encoding}</Badge>}
          {source.delimiter && source.delimiter !== 'none' && <Badge variant="outline">{delimiterLabel(source.delimiter)}</Badge>}
        </Group>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {sheetData.length > 0 && (
          <Select
            label={t('wizard.source.sheet')}
            data={sheetData}
            value={options.sheet ?? source?.sheet ?? null}
            onChange={(v) => v && void setOptions({ sheet: v, headerRow: undefined, phoneColumn: undefined })}
            allowDeselect={false}
            disabled={busy}
            data-testid="import-sheet"
          />
        )}
        {isText && (
          <Select
            label={t('wizard.source.encoding')}
            description={t('wizard.source.encodingHint')}
            data={TEXT_ENCODINGS.map((e) => ({ value: e, label: e === AUTO ? t('wizard.source.auto') : e }))}
            value={options.encoding ?? AUTO}
            onChange={(v) => v && void setOptions({ encoding: v as TextEncoding })}
            allowDeselect={false}
            disabled={busy}
            data-testid="import-encoding"
          />
        )}
        {delimited && (
          <Select
            label={t('wizard.source.delimiter')}
            data={[{ value: AUTO, label: t('wizard.source.auto') }, ...CSV_DELIMITERS.map((d) => ({ value: d, label: delimiterLabel(d) }))]}
            value={options.delimiter ?? AUTO}
            onChange={(v) => v && void setOptions({ delimiter: v === AUTO ? undefined : (v as CsvDelimiter) })}
            allowDeselect={false}
            disabled={busy}
          />
        )}
        <Select
          label={t('wizard.source.region')}
          description={t('wizard.source.regionHint')}
          data={regions}
          value={options.region ?? 'CN'}
          onChange={(v) => v && void setOptions({ region: v })}
          searchable
          allowDeselect={false}
          disabled={busy}
          data-testid="import-region"
        />
      </SimpleGrid>
    </Stack>
  );
}
