import type { ReactNode } from 'react';
import { Box, Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';

interface AuthLayoutProps {
  title: string;
  subtitle?: ReactNode;
  width?: number;
  children: ReactNode;
}

/**
 * The centred card used by the screens before the app shell: first-run and sign-in. The page is
 * one `main` landmark and its title the page's one level-one heading (styled as h3).
 */
export function AuthLayout({ title, subtitle, width = 420, children }: AuthLayoutProps) {
  return (
    <Box component="main" mih="100vh" bg="var(--pd-surface-subtle)" py={48} px="md">
      <Center>
        <Stack w="100%" maw={width} gap="lg">
          <Group gap="xs" justify="center">
            <ThemeIcon size={32} radius="sm" variant="filled">
              <IconBuildingStore size={20} />
            </ThemeIcon>
            <Text fw={700} size="lg">
              PartnerDesk
            </Text>
          </Group>
          <Paper withBorder shadow="xs" p="xl" radius="md">
            <Stack gap={4} mb="lg">
              <Title order={1} size="h3">
                {title}
              </Title>
              {subtitle ? (
                <Text c="dimmed" size="sm">
                  {subtitle}
                </Text>
              ) : null}
            </Stack>
            {children}
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
