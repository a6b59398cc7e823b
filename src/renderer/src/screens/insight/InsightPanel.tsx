/** One section of the Insight screen: a bordered panel with its title, and a dimmed sentence instead of the content when there is nothing to show. */
import { Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function InsightPanel({ title, empty, children, footer, ...data }: { title: string; empty: string | null; children: ReactNode; footer?: ReactNode } & Record<`data-${string}`, string | number>) {
  return (
    <Paper withBorder p="md" {...data}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {empty !== null ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        children
      )}
      {footer && (
        <Text size="xs" c="dimmed" mt="xs">
          {footer}
        </Text>
      )}
    </Paper>
  );
}
