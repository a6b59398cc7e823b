/** Money in the UI language: the currency's narrow symbol when the code is known, else the number and the code as typed. */
import { useTranslation } from 'react-i18next';

export function useMoney() {
  const { i18n } = useTranslation();
  return (amount: number, currency: string | null): string => {
    if (currency !== null) {
      try {
        return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).format(amount);
      } catch {
        // An unknown code: the number and the code as typed.
      }
    }
    const n = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
    return currency === null ? n : `${n} ${currency}`;
  };
}
