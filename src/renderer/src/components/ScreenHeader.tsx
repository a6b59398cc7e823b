/** A screen's title and one-line introduction, with its actions on the right. */
import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function ScreenHeader({ title, intro, maw = 720, children }: { title: ReactNode; intro: ReactNode; maw?: number; children?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <div>
        <Title order={2}>{title}</Title>
        <Text c="dimmed" size="sm" maw={maw}>
          {intro}
        </Text>
      </div>
      {children}
    </Group>
  );
}
