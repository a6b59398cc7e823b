/** Main's contacts errors in the UI language: known codes have a translated sentence; English keeps main's own. */
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';

export function useContactsError(): (error: AppErrorShape) => AppErrorShape {
  const { t, i18n } = useTranslation('contacts');
  return (error) => {
    const key = `contacts:errors.${error.code}`;
    if (i18n.language === 'en' || !i18n.exists(key)) return error;
    return { ...error, message: t(`errors.${error.code}`) };
  };
}
