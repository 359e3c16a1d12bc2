import type { MockedResponse } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { MemoryRouter, useLocation, useNavigate } from 'react-router';
import { createCache } from '../app/apollo';
import { I18nProvider } from '../app/i18n/I18nProvider';

/**
 * Renders with the app's providers, Apollo mocked, in English, without animations, at `route`.
 * Toasts render, so a test can assert the feedback a person gets.
 */
export function renderWithProviders(ui: ReactElement, mocks: MockedResponse[] = [], { route = '/' }: { route?: string } = {}) {
  const user = userEvent.setup({ delay: null });
  const result = render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <MantineProvider theme={{ components: { Modal: { defaultProps: { transitionProps: { duration: 0 } } } } }}>
        <Notifications transitionDuration={0} />
        <I18nProvider initial="en">
          <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
        </I18nProvider>
      </MantineProvider>
    </MockedProvider>,
  );
  return { user, ...result };
}

/** Shows where the router is (`data-testid="location"`) and offers the browser's back button. */
export function LocationProbe() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="location">{location.pathname + location.search}</output>
      <button type="button" onClick={() => void navigate(-1)}>
        Browser back
      </button>
    </>
  );
}
