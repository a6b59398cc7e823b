/** The variables the chosen recipients offer, as buttons that insert `{name}` at the cursor. */
import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface VariableChipsProps {
  variables: string[];
  /** Whether any list is chosen (else the hint says to pick one). */
  hasLists: boolean;
  onInsert: (name: string) => void;
}

export function VariableChips({ variables, hasLists, onInsert }: VariableChipsProps) {
  const { t } = useTranslation('compose');
  return (
    <div data-testid="variable-chips">
      <Group gap={6} align="center">
        <Text size="xs" c="dimmed">
          {t('variables.label')}
        </Text>
        {variables.map((name) => (
          <Button
            key={name}
            size="compact-xs"
            variant="light"
            radius="xl"
            // Keeps the caret where it is in the field the variable goes into.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onInsert(name)}
            aria-label={t('variables.insertNamed', { variable: `{${name}}` })}
            data-testid="variable-chip"
            data-variable={name}
          >
            {`{${name}}`}
          </Button>
        ))}
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {hasLists ? t('variables.help') : t('variables.none')}
      </Text>
    </div>
  );
}
