/** "3 of 4 ports available" for a GSM gateway, opening a list of every port and whether it can send. */
import { Badge, Button, Group, Popover, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PortInfo } from '../../../../shared/providers.ts';

export function PortsPopover({ ports }: { ports: PortInfo[] }) {
  const { t } = useTranslation('accounts');
  if (ports.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="account-check-ports" data-available={0} data-total={0}>
        {t('check.noPorts')}
      </Text>
    );
  }
  const available = ports.filter((p) => p.available).length;
  const summary = t('check.ports', { available, total: ports.length });
  return (
    <Popover position="bottom-start" withArrow shadow="md" width={260} trapFocus returnFocus>
      <Popover.Target>
        <Button
          size="compact-sm"
          variant="light"
          color={available === ports.length ? 'teal' : available === 0 ? 'red' : 'orange'}
          data-testid="account-check-ports"
          data-available={available}
          data-total={ports.length}
        >
          {summary}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="account-ports-list">
        <Text size="xs" fw={600} c="dimmed" mb={6}>
          {t('check.portsTitle')}
        </Text>
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {ports.map((p) => (
            <Group key={p.port} component="li" justify="space-between" wrap="nowrap" data-testid="account-port" data-port={p.port} data-available={p.available}>
              <Text size="sm">
                {t('check.port', { port: p.port })}
                {p.name && p.name !== String(p.port) ? (
                  <Text span size="sm" c="dimmed">
                    {' '}
                    · {p.name}
                  </Text>
                ) : null}
              </Text>
              <Badge size="sm" variant="light" color={p.available ? 'teal' : 'red'}>
                {t(p.available ? 'check.portUp' : 'check.portDown')}
              </Badge>
            </Group>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
