/** One figure of the pre-send summary: a label, the value, and an optional line under it. */
import { Paper, Text } from '@mantine/core';

export interface StatProps {
  label: string;
  value: string;
  testId: string;
  color?: string | undefined;
  count?: number | undefined;
  note?: string | null | undefined;
}

export function Stat({ label, value, testId, color, count, note }: StatProps) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" c={color} style={{ overflowWrap: 'anywhere' }} data-testid={testId} data-count={count}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed" data-testid={`${testId}-note`}>
          {note}
        </Text>
      )}
    </Paper>
  );
}
