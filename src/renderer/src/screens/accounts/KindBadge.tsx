/** The provider kind as a coloured badge. */
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProviderKind } from '../../../../shared/accounts.ts';

const COLORS: Record<ProviderKind, string> = { jsms: 'blue', eims: 'grape', gsmbox: 'teal' };

export function KindBadge({ kind }: { kind: ProviderKind }) {
  const { t } = useTranslation('accounts');
  return (
    <Badge color={COLORS[kind]} variant="light" style={{ minWidth: 'max-content' }} data-testid="account-kind-badge">
      {t(`kinds.${kind}`)}
    </Badge>
  );
}
