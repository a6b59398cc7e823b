/** A screen's title and one-line introduction, with its actions on the right (never squeezed: the introduction wraps first). */
import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function ScreenHeader({ title, intro, maw = 720, children }: { title: ReactNode; intro: ReactNode; maw?: number; children?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <div style={{ minWidth: 0, flex: 1 }}>
        <Title order={2}>{title}</Title>
        <Text c="dimmed" size="sm" maw={maw}>
          {intro}
        </Text>
      </div>
      {children && (
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          {children}
        </Group>
      )}
    </Group>
  );
}
