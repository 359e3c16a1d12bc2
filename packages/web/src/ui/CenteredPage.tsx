import { Container, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from './LanguageSwitcher';

/** The frame of the signed-out pages: brand, language, one card. */
export function CenteredPage({ children }: { children: ReactNode }) {
  return (
    <Container size={520} py={48} component="main">
      <Stack>
        <Group justify="space-between">
          <Text fw={700} size="xl">
            Clientele
          </Text>
          <LanguageSwitcher />
        </Group>
        {children}
      </Stack>
    </Container>
  );
}
