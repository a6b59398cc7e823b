/** A small label over a value (a count, a rate, an encoding): the figures of a card. */
import { Text, type MantineSize } from '@mantine/core';

export function Figure({ label, value, testId, size = 'sm' }: { label: string; value: string; testId: string; size?: MantineSize }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size={size} fw={600} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}
