import type { MockedResponse } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { I18nProvider } from '../app/i18n/I18nProvider';

/** Renders with the app's providers, Apollo mocked, in English, without animations. */
export function renderWithProviders(ui: ReactElement, mocks: MockedResponse[] = []) {
  const user = userEvent.setup({ delay: null });
  const result = render(
    <MockedProvider mocks={mocks}>
      <MantineProvider theme={{ components: { Modal: { defaultProps: { transitionProps: { duration: 0 } } } } }}>
        <I18nProvider initial="en">
          <MemoryRouter>{ui}</MemoryRouter>
        </I18nProvider>
      </MantineProvider>
    </MockedProvider>,
  );
  return { user, ...result };
}
