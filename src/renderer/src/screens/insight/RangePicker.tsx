/** The report's range of local days: a Mantine date range picker in the user's language, with presets. */
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { isoDay, lastDays, type DayRange } from '../../stores/insight.ts';

export function RangePicker({ value, onChange }: { value: DayRange; onChange: (days: DayRange) => void }) {
  const { t, i18n } = useTranslation('insight');
  const today = isoDay(new Date());
  const presets = [7, 30, 90].map((n) => ({ value: lastDays(n) as [string, string], label: t('lastDays', { n }) }));
  return (
    <DatesProvider settings={{ locale: i18n.language === 'zh' ? 'zh-cn' : 'en', firstDayOfWeek: 1 }}>
      <DatePickerInput
        type="range"
        allowSingleDateInRange
        value={value}
        maxDate={today}
        onChange={(v) => {
          if (v[0] && v[1]) onChange([v[0], v[1]]);
        }}
        presets={presets}
        valueFormat={i18n.language === 'zh' ? 'YYYY年M月D日' : 'MMM D, YYYY'}
        label={t('range')}
        w={280}
        data-testid="insight-range"
      />
    </DatesProvider>
  );
}
