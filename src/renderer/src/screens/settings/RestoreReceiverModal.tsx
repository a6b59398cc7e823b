/**
 * A backup whose receiver settings would listen on more of the network than now: both are shown, and
 * the restore goes on only with the user's choice (keep this PC's receiver settings, or use the backup's).
 */
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReceiverBinding } from '../../../../shared/desktop.ts';

interface Props {
  fileName: string;
  receiver: { current: ReceiverBinding; backup: ReceiverBinding } | null;
  onChoose: (choice: 'backup' | 'current') => void;
  onCancel: () => void;
}

const address = (b: ReceiverBinding) => `${b.host.includes(':') ? `[${b.host}]` : b.host}:${b.port}`;

export function RestoreReceiverModal({ fileName, receiver, onChoose, onCancel }: Props) {
  const { t } = useTranslation('settings');
  return (
    <Modal opened={receiver !== null} onClose={onCancel} title={t('data.restore.receiver.title')} size="lg" data-testid="settings-restore-receiver">
      {receiver && (
        <Stack>
          <Text size="sm">{t('data.restore.receiver.body', { name: fileName })}</Text>
          <Table withTableBorder variant="vertical" data-testid="settings-restore-receiver-table">
            <Table.Tbody>
              {(['current', 'backup'] as const).map((which) => (
                <Table.Tr key={which} data-testid={`settings-restore-receiver-${which}`}>
                  <Table.Th w="30%">{t(`data.restore.receiver.${which}`)}</Table.Th>
                  <Table.Td ff="monospace">{address(receiver[which])}</Table.Td>
                  <Table.Td>{t(`data.restore.receiver.reach.${receiver[which].reach}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Alert color="orange" variant="light">
            {t('data.restore.receiver.risk')}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel} data-testid="settings-restore-receiver-cancel">
              {t('data.restore.cancel')}
            </Button>
            <Button variant="default" onClick={() => onChoose('current')} data-testid="settings-restore-receiver-keep">
              {t('data.restore.receiver.keep')}
            </Button>
            <Button color="red" onClick={() => onChoose('backup')} data-testid="settings-restore-receiver-use">
              {t('data.restore.receiver.use')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
