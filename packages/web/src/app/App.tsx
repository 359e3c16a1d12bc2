import { ApolloProvider } from '@apollo/client/react';
import { Notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { BrowserRouter } from 'react-router';
import { AppMantineProvider } from './AppMantineProvider';
import { createApolloClient } from './apollo';
import { I18nProvider } from './i18n/I18nProvider';
import { AppRoutes } from './AppRoutes';

export function App() {
  const client = useMemo(() => createApolloClient(), []);
  return (
    <ApolloProvider client={client}>
      <I18nProvider>
        <AppMantineProvider>
          {/* below the header (global.css), so a toast never covers its controls */}
          <Notifications position="top-right" className="app-toasts" />
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AppMantineProvider>
      </I18nProvider>
    </ApolloProvider>
  );
}
