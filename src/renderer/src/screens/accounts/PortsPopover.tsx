/**
 * "3 of 4 ports available" for a GSM gateway, opening a list of every port: whether it can send, whether
 * it is in rotation (and why not), its week's success rate and its SIM.
 */
import { Badge, Button, Group, Popover, Stack, Text } from '@mantine/core';
import { PortFigures, PortOutReason, PortRotationBadge } from '../box-ports/PortHealth.tsx';
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
  const out = ports.filter((p) => p.health && p.health.rotation !== 'in' && p.available).length;
  const summary = t('check.ports', { available, total: ports.length });
  return (
    <Popover position="bottom-start" withArrow shadow="md" width={320} trapFocus returnFocus>
      <Popover.Target>
        <Button
          size="compact-sm"
          variant="light"
          color={available === ports.length && out === 0 ? 'teal' : available === 0 ? 'red' : 'orange'}
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
        <Stack gap={8} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {ports.map((p) => (
            <li key={p.port} data-testid="account-port" data-port={p.port} data-available={p.available} data-rotation={p.health?.rotation ?? ''}>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {t('check.port', { port: p.port })}
                  {p.name && p.name !== String(p.port) ? (
                    <Text span size="sm" c="dimmed">
                      {' '}
                      · {p.name}
                    </Text>
                  ) : null}
                </Text>
                <Group gap={4} wrap="nowrap">
                  {p.health && p.available && p.health.rotation !== 'in' && <PortRotationBadge health={p.health} />}
                  <Badge size="sm" variant="light" color={p.available ? 'teal' : 'red'}>
                    {t(p.available ? 'check.portUp' : 'check.portDown')}
                  </Badge>
                </Group>
              </Group>
              {p.health && (
                <>
                  <PortOutReason health={p.health} />
                  <PortFigures health={p.health} />
                </>
              )}
            </li>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
