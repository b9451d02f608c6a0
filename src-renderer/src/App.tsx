import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './api/query-client';
import { theme } from './theme';
import { Boot } from './screens/boot/Boot';

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <Boot />
      </QueryClientProvider>
    </MantineProvider>
  );
}
