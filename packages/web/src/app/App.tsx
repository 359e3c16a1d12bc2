import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { BrowserRouter } from 'react-router';
import { createApolloClient } from './apollo';
import { I18nProvider } from './i18n/I18nProvider';
import { AppRoutes } from './AppRoutes';
import { theme } from './theme';

export function App() {
  const client = useMemo(() => createApolloClient(), []);
  return (
    <ApolloProvider client={client}>
      <MantineProvider theme={theme}>
        <I18nProvider>
          <Notifications position="top-right" />
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </I18nProvider>
      </MantineProvider>
    </ApolloProvider>
  );
}
